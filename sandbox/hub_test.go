package sandbox

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fill queues messages on s until its queue is full.
func fill(s *subscriber) {
	for len(s.ch) < cap(s.ch) {
		s.ch <- []byte("x")
	}
}

func TestTwoStalledPagesAreDroppedOnceEach(t *testing.T) {
	h := newHub()
	ada := h.subscribePage("room", "a")
	bob := h.subscribePage("room", "b")
	cy := h.subscribePage("room", "c")
	for _, c := range []pageClaims{{Room: "room", ID: "a", Role: "moderator"}, {Room: "room", ID: "b"}, {Room: "room", ID: "c"}} {
		require.NoError(t, h.pageOps("room", c, []op{{Op: "hello"}}))
	}
	fill(ada)
	fill(bob)
	// Dropping the first stalled page tells the others it left, which finds
	// the second stalled too; neither may be dropped twice (a second close
	// of its channel panics).
	assert.NotPanics(t, func() { h.publish("room", []byte(`{"action":"noop"}`)) })
	for _, s := range []*subscriber{ada, bob} {
		select {
		case <-s.dropped:
		default:
			t.Errorf("the stalled stream of %s is still open", s.participant)
		}
	}
	assert.Equal(t, 1, h.subscribers("room"), "only Cy's stream is left")
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.rooms["room"]
	require.NotNil(t, r)
	var left []string
	for _, p := range r.meeting.members {
		left = append(left, p.ID)
	}
	assert.Equal(t, []string{"c"}, left, "the dropped pages left the meeting")
	var leaves int
	for len(cy.ch) > 0 {
		if msg := string(<-cy.ch); strings.Contains(msg, `"op":"leave"`) {
			leaves++
		}
	}
	assert.Equal(t, 2, leaves, "Cy is told each left once")
}

func TestAGrantedModeratorStaysOneAfterItsPageReconnects(t *testing.T) {
	h := newHub()
	h.subscribePage("room", "a")
	bobStream := h.subscribePage("room", "b")
	ada, bob := pageClaims{Room: "room", ID: "a", Role: "moderator"}, pageClaims{Room: "room", ID: "b", Role: "participant"}
	require.NoError(t, h.pageOps("room", ada, []op{{Op: "hello"}}))
	require.NoError(t, h.pageOps("room", bob, []op{{Op: "hello"}}))
	require.NoError(t, h.pageOps("room", ada, []op{{Op: "role", ID: "b"}}))

	// Bob's stream drops and his page says hello again, with the same
	// page token (which still says participant).
	h.unsubscribe("room", bobStream)
	h.subscribePage("room", "b")
	require.NoError(t, h.pageOps("room", bob, []op{{Op: "hello"}}))
	yes := true
	assert.NoError(t, h.pageOps("room", bob, []op{{Op: "lobby", Enabled: &yes}}), "Bob is still a moderator")
}

func TestAPageKnocksWhileTheLobbyIsOn(t *testing.T) {
	h := newHub()
	ada := pageClaims{Room: "room", ID: "a", Role: "moderator"}
	adaStream := h.subscribePage("room", "a")
	require.NoError(t, h.pageOps("room", ada, []op{{Op: "hello"}}))
	yes, no := true, false
	require.NoError(t, h.pageOps("room", ada, []op{{Op: "lobby", Enabled: &yes}}))
	assert.False(t, h.lobbyHolds("room", "moderator"), "moderators walk in")
	assert.True(t, h.lobbyHolds("room", "participant"))

	bob := pageClaims{Room: "room", ID: "b", Role: "participant"}
	bobStream := h.subscribePage("room", "b")
	require.NoError(t, h.pageOps("room", bob, []op{{Op: "hello", Name: "Bob"}}))
	assert.Contains(t, string(<-bobStream.ch), `"op":"waiting"`)
	assert.Contains(t, drain(adaStream), `"knocker":{"id":"b","name":"Bob","page":true},"op":"knock"`)
	assert.ErrorIs(t, h.pageOps("room", bob, []op{{Op: "speak"}}), errNotJoined, "a knocker is no member")

	// Admitted, Bob's next hello joins him.
	require.NoError(t, h.pageOps("room", ada, []op{{Op: "answer", ID: "b", Approved: &yes}}))
	assert.Contains(t, drain(bobStream), `"op":"answer"`)
	require.NoError(t, h.pageOps("room", bob, []op{{Op: "hello", Name: "Bob"}}))
	assert.Contains(t, drain(bobStream), `"op":"welcome"`)
	assert.Contains(t, drain(adaStream), `"op":"join"`)

	// Bob's stream drops and comes back: he is not sent to the lobby again.
	h.unsubscribe("room", bobStream)
	bobStream = h.subscribePage("room", "b")
	require.NoError(t, h.pageOps("room", bob, []op{{Op: "hello", Name: "Bob"}}))
	assert.Contains(t, drain(bobStream), `"op":"welcome"`)

	// Cy knocks and closes his page: he leaves the lobby.
	cy := pageClaims{Room: "room", ID: "c", Role: "participant"}
	cyStream := h.subscribePage("room", "c")
	require.NoError(t, h.pageOps("room", cy, []op{{Op: "hello", Name: "Cy"}}))
	drain(adaStream)
	h.unsubscribe("room", cyStream)
	assert.Contains(t, drain(adaStream), `"op":"leave","by":"c","id":"c"`)
	assert.ErrorContains(t, h.pageOps("room", ada, []op{{Op: "answer", ID: "c", Approved: &no}}), `nobody "c" is knocking`)
}

// drain returns what s has queued, one message a line.
func drain(s *subscriber) string {
	var out []string
	for len(s.ch) > 0 {
		out = append(out, string(<-s.ch))
	}
	return strings.Join(out, "\n")
}
