//go:build !linux

package main

import "os/exec"

// modifyCmd leaves the command as chromedp makes it.
func modifyCmd(*exec.Cmd) {}
