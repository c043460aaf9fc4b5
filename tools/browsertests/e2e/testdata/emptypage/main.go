// Command emptypage is the smallest Go program, the share page
// "early-empty" of the ready-time benchmark: what any Go module costs the
// meeting, before the bridge adds anything.
package main

func main() {}
