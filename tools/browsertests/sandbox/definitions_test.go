package sandbox_test

import (
	"encoding/json"
	"os"
)

// definitionsPath is the one table of commands and events of the project,
// from which package externalapi generates its code; the sandbox's tests read
// their command and event names from it too.
const definitionsPath = libraryModule + "/externalapi/definitions.json"

// definitionRow is one command or event of definitionsPath.
type definitionRow struct{ name, wire string }

// jsapiSpecCommands are the executeCommand names and wire names, in the order
// of the library's map (commands.md's, then the newer ones); jsapiSpecEvents
// are the events the iframe sends (wire names) and their public names, in
// the map's order. Events the parent library emits itself have no wire name
// and are left out.
var jsapiSpecCommands, jsapiSpecEvents = loadDefinitions()

// loadDefinitions reads definitionsPath.
func loadDefinitions() (commands, events []definitionRow) {
	b, err := os.ReadFile(definitionsPath)
	if err != nil {
		panic(err)
	}
	var d struct {
		Commands []struct{ Name, Wire string } `json:"commands"`
		Events   []struct{ Name, Wire string } `json:"events"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		panic(err)
	}
	for _, c := range d.Commands {
		commands = append(commands, definitionRow{name: c.Name, wire: c.Wire})
	}
	for _, e := range d.Events {
		if e.Wire != "" {
			events = append(events, definitionRow{name: e.Name, wire: e.Wire})
		}
	}
	return commands, events
}
