package externalapi

import (
	"bytes"
	"errors"
	"strconv"
)

// batchEvent is one event of a batch: the listener id it came through and its
// payload as JSON (nil when the listener got no argument).
type batchEvent struct {
	id      int
	payload []byte
}

// batchIDKey is the key of the marker objects that precede each payload in a
// batch; a payload cannot have it, as no External API payload has a key with
// a NUL character. In JSON it reads {"\u0000id":<listener id>}.
const batchIDKey = "\x00id"

// batchIDPrefix is how a marker object begins once JSON.stringify wrote it.
var batchIDPrefix = []byte(`{"\u0000id":`)

// errBatchShape reports a batch that does not start with a marker.
var errBatchShape = errors.New("externalapi: event batch without a listener id")

// splitBatch parses a batch into its events, in order. The batch is the
// JavaScript queue [marker, payload?, marker, payload?, ...] with each element
// written by JSON.stringify, joined by newlines: JSON.stringify never writes a
// raw newline (it escapes those in strings), so each line is one element, and
// no JSON is parsed here. An empty line is an element JSON cannot write
// (undefined, a function): no payload.
func splitBatch(data []byte) ([]batchEvent, error) {
	if len(data) == 0 {
		return nil, nil
	}
	events := make([]batchEvent, 0, bytes.Count(data, newline)/2+1)
	filled := true // whether the last event's payload slot is taken
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, newline)
		data = rest
		if id, ok := batchID(line); ok {
			events = append(events, batchEvent{id: id})
			filled = false
			continue
		}
		if filled {
			return nil, errBatchShape
		}
		filled = true
		if len(line) > 0 {
			events[len(events)-1].payload = line
		}
	}
	return events, nil
}

// newline separates the elements of a batch.
var newline = []byte("\n")

// batchID reads a marker; ok is false for anything else.
func batchID(line []byte) (id int, ok bool) {
	rest, found := bytes.CutPrefix(line, batchIDPrefix)
	if !found || len(rest) < 2 || rest[len(rest)-1] != '}' {
		return 0, false
	}
	id, err := strconv.Atoi(string(rest[:len(rest)-1]))
	return id, err == nil
}
