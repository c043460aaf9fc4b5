package externalapi

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEventHoldPutsRecordedEventsBeforeHeldOnes(t *testing.T) {
	var got []string
	h := newEventHold(func(name string, payload []byte) { got = append(got, name+" "+string(payload)) })
	h.receive("live", []byte("1"))
	h.receive("live", []byte("2"))
	assert.Empty(t, got, "held until release")
	h.release([]queuedEvent{{name: "early", payload: []byte("a")}, {name: "early", payload: nil}})
	h.receive("live", []byte("3"))
	assert.Equal(t, []string{"early a", "early ", "live 1", "live 2", "live 3"}, got)
}
