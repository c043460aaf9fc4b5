package externalapi

import (
	_ "embed"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// specTables is testdata/spec_api.json, a copy of the tables read from the
// jitsi-meet source.
type specTables struct {
	Commands []struct{ Name, Wire string } `json:"commands"`
	Events   []struct{ Name, Wire string } `json:"events"`
	Methods  []struct{ Name string }       `json:"methods"`
}

// specJSON is embedded so that the tests read it in the browser too.
//
//go:embed testdata/spec_api.json
var specJSON []byte

// loadSpec decodes the spec tables.
func loadSpec(t testing.TB) specTables {
	t.Helper()
	var s specTables
	require.NoError(t, json.Unmarshal(specJSON, &s))
	require.NotEmpty(t, s.Commands)
	return s
}
