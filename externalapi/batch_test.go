package externalapi

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSplitBatch(t *testing.T) {
	m := func(id string) string { return `{"\u0000id":` + id + `}` }
	events, err := splitBatch([]byte(m("3") + "\n" + `{"id":"a"}` + "\n" + m("4") + "\n" + m("3") + "\nnull\n" + m("12") + "\n\"s\"\n" + m("5") + "\n"))
	require.NoError(t, err)
	assert.Equal(t, []batchEvent{
		{id: 3, payload: []byte(`{"id":"a"}`)},
		{id: 4},
		{id: 3, payload: []byte(`null`)},
		{id: 12, payload: []byte(`"s"`)},
		{id: 5}, // an undefined payload: an empty line
	}, events)

	events, err = splitBatch(nil)
	require.NoError(t, err)
	assert.Empty(t, events)

	for _, bad := range []string{"\n", `{}`, `{"id":"a"}`, m("x"), "1\n2", m("1") + "\n{}\n{}", m("1") + "\n\n{}"} {
		_, err := splitBatch([]byte(bad))
		assert.Error(t, err, bad)
	}
}
