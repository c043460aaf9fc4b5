package redact

import "testing"

func TestState(t *testing.T) {
	if got := State("hunter2-password"); got != Mark {
		t.Errorf("State(set) = %q, want %q", got, Mark)
	}
	if got := State(""); got != "<empty>" {
		t.Errorf(`State("") = %q, want "<empty>"`, got)
	}
}
