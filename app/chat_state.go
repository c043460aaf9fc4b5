package app

import (
	"slices"

	"github.com/meetbridge/meetbridge/externalapi"
)

// ChatMessage is one message of the meeting's chat.
type ChatMessage struct {
	// From and Nick are the sender of an incoming message.
	From externalapi.ParticipantID
	Nick string
	Text string
	// Private is a private message (to or from the local participant).
	Private bool
	// Incoming is a message someone else sent.
	Incoming bool
	Stamp    string
}

// Chat is the chat as the events told it, oldest message first.
type Chat struct {
	Messages []ChatMessage
}

// maxChatMessages bounds the messages kept.
const maxChatMessages = 200

// Apply returns the chat after the event.
func (c Chat) Apply(e externalapi.Event) Chat {
	var m ChatMessage
	switch e := e.(type) {
	case externalapi.IncomingMessage:
		m = ChatMessage{From: e.From, Nick: e.Nick, Text: e.Message, Private: e.PrivateMessage, Incoming: true, Stamp: e.Stamp}
	case externalapi.OutgoingMessage:
		m = ChatMessage{Text: e.Message, Private: e.PrivateMessage}
	default:
		return c
	}
	msgs := append(slices.Clip(c.Messages), m)
	if len(msgs) > maxChatMessages {
		msgs = msgs[len(msgs)-maxChatMessages:]
	}
	return Chat{Messages: msgs}
}
