package app

import "slices"

// consoleCommands are the public names of the commands the console sends,
// checked against what the loaded library supports.
var consoleCommands = []string{
	"muteEveryone", "muteRemoteParticipant", "kickParticipant", "grantModerator", "sendParticipantToRoom",
	"subject", "setTileView", "toggleRaiseHand", "endConference", "toggleModeration", "askToUnmute", "approveVideo",
	"password", "setParticipantVolume", "pinParticipant", "setLargeVideoParticipant", "sendChatMessage",
	"toggleLobby", "answerKnockingParticipant", "startRecording", "stopRecording", "addBreakoutRoom",
	"autoAssignToBreakoutRooms", "closeBreakoutRoom", "removeBreakoutRoom",
}

// missingCommands returns the console's commands that supported lacks.
func missingCommands(supported []string) []string {
	var out []string
	for _, name := range consoleCommands {
		if !slices.Contains(supported, name) {
			out = append(out, name)
		}
	}
	return out
}
