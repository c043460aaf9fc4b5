package externalapi

import (
	"reflect"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
)

// methodCounterparts maps every JitsiMeetExternalAPI method to the Go
// method that covers it.
var methodCounterparts = map[string]string{
	"captureCameraPicture":          "CaptureCameraPicture",
	"captureLargeVideoScreenshot":   "CaptureLargeVideoScreenshot",
	"getAvailableDevices":           "AvailableDevices",
	"getConnectionStats":            "ConnectionStats",
	"getContentSharingParticipants": "ContentSharingParticipants",
	"getCurrentDevices":             "CurrentDevices",
	"getCustomAvatarBackgrounds":    "CustomAvatarBackgrounds",
	"getDeploymentInfo":             "DeploymentInfo",
	"getLivestreamUrl":              "LivestreamURL",
	"getParticipantsInfo":           "ParticipantsInfo",
	"getRoomsInfo":                  "RoomsInfo",
	"getSessionId":                  "SessionID",
	"getSharedDocumentUrl":          "SharedDocumentURL",
	"getVideoQuality":               "VideoQuality",
	"getSupportedCommands":          "SupportedCommands",
	"getSupportedEvents":            "SupportedEvents",
	"isDeviceChangeAvailable":       "IsDeviceChangeAvailable",
	"isDeviceListAvailable":         "IsDeviceListAvailable",
	"isMultipleAudioInputSupported": "IsMultipleAudioInputSupported",
	"setAudioInputDevice":           "SetAudioInputDevice",
	"setAudioOutputDevice":          "SetAudioOutputDevice",
	"setVideoInputDevice":           "SetVideoInputDevice",
	"invite":                        "Invite",
	"isAudioAvailable":              "IsAudioAvailable",
	"isAudioDisabled":               "IsAudioDisabled",
	"isAudioMuted":                  "IsAudioMuted",
	"isModerationOn":                "IsModerationOn",
	"isP2pActive":                   "IsP2PActive",
	"isParticipantForceMuted":       "IsParticipantForceMuted",
	"isParticipantsPaneOpen":        "IsParticipantsPaneOpen",
	"isSharingScreen":               "IsSharingScreen",
	"isStartSilent":                 "IsStartSilent",
	"isVideoAvailable":              "IsVideoAvailable",
	"isVideoMuted":                  "IsVideoMuted",
	"isVisitor":                     "IsVisitor",
	"listBreakoutRooms":             "ListBreakoutRooms",
	"getAvatarURL":                  "AvatarURL",
	"getDisplayName":                "DisplayName",
	"getEmail":                      "Email",
	"getIFrame":                     "IFrame",
	"getNumberOfParticipants":       "NumberOfParticipants",
	"pinParticipant":                "PinParticipant",
	"resizeLargeVideo":              "ResizeLargeVideo",
	"setLargeVideoParticipant":      "SetLargeVideoParticipant",
	"setVirtualBackground":          "SetVirtualBackground",
	"startRecording":                "StartRecording",
	"stopRecording":                 "StopRecording",
	"toggleE2EE":                    "ToggleE2EE",
	"setMediaEncryptionKey":         "SetMediaEncryptionKey",
	"showPiP":                       "ShowPiP",
	"hidePiP":                       "HidePiP",
	"sendProxyConnectionEvent":      "SendProxyConnectionEvent",
	"sendExternalShareSignal":       "SendExternalShareSignal",
	"executeCommand":                "ExecuteCommand",
	"executeCommands":               "ExecuteCommands",
	"addEventListener":              "OnRaw",
	"addEventListeners":             "OnRaw",
	"removeEventListener":           "RemoveAllListeners",
	"removeEventListeners":          "RemoveAllListeners",
	"dispose":                       "Dispose",
	"updateNumberOfParticipants":    "UpdateNumberOfParticipants",
}

// newerThanSpec are names the current jitsi-meet library has that the spec
// (read from July 2026 source) has not: a check against the real library
// found them.
var newerThanSpec = map[string]bool{"setLowBandwidthMode": true, "lowBandwidthModeChanged": true}

// browserOnly are Go methods that exist only in js/wasm builds.
var browserOnly = map[string]bool{"IFrame": true}

// hasMethod reports whether *API has the named method in this build.
func hasMethod(name string) bool {
	_, ok := reflect.TypeOf(&API{}).MethodByName(name)
	return ok
}

// checkable says whether name can be checked in this build.
func checkable(name string) bool {
	return !browserOnly[name] || runtime.GOOS == "js"
}

func TestEverySpecCommandEventAndMethodHasAGoCounterpart(t *testing.T) {
	spec := loadSpec(t)
	assert.Len(t, spec.Commands, 75)
	assert.Len(t, spec.Events, 79)
	assert.Len(t, spec.Methods, 61)

	for _, c := range spec.Commands {
		info, ok := commandByName[c.Name]
		if assert.True(t, ok, "command %s has no Go counterpart", c.Name) {
			assert.True(t, hasMethod(info.Method), "command %s: no method API.%s", c.Name, info.Method)
		}
	}
	for _, e := range spec.Events {
		info, ok := eventByName[e.Name]
		if assert.True(t, ok, "event %s has no Go type", e.Name) {
			assert.True(t, hasMethod("On"+info.Type), "event %s: no method API.On%s", e.Name, info.Type)
		}
	}
	for _, m := range spec.Methods {
		goName, ok := methodCounterparts[m.Name]
		if assert.True(t, ok, "method %s has no Go counterpart", m.Name) && checkable(goName) {
			assert.True(t, hasMethod(goName), "method %s: no method API.%s", m.Name, goName)
		}
	}
	// And nothing in the Go tables that the spec does not have, but what
	// is listed as newer than the spec and the two events the parent
	// library emits itself.
	specNames := map[string]bool{}
	for _, c := range spec.Commands {
		specNames[c.Name] = true
	}
	for _, e := range spec.Events {
		specNames[e.Name] = true
	}
	for _, c := range commandTable {
		assert.True(t, specNames[c.Name] || newerThanSpec[c.Name], "command %s is in neither the spec nor newerThanSpec", c.Name)
	}
	for _, e := range eventTable {
		assert.True(t, specNames[e.Name] || newerThanSpec[e.Name] || e.Wire == "", "event %s is in neither the spec nor newerThanSpec", e.Name)
	}
}
