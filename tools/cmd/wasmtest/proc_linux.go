//go:build linux

package main

import (
	"os/exec"
	"syscall"
)

// modifyCmd starts Chromium in a process group of its own and makes
// cancellation kill the whole group, so that no helper process outlives the
// browser and writes to the profile while it is being removed. Like
// chromedp's default, it also kills Chromium if wasmtest dies.
func modifyCmd(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
