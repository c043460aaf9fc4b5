package token

import (
	"fmt"
	"maps"
	"slices"
)

// jaasFeatures are the context.features keys the Jitsi web client accepts
// (MEET_FEATURES in react/features/base/jwt/constants.ts); any other key
// makes it fail with featureInvalid.
var jaasFeatures = []string{
	"branding", "calendar", "create-polls", "file-upload", "flip", "inbound-call",
	"livestreaming", "live-translation", "lobby", "moderation", "outbound-call",
	"recording", "room", "screen-sharing", "send-groupchat", "send-private-message",
	"list-visitors", "sip-inbound-call", "sip-outbound-call", "transcription",
}

// JaaSFeatureKeys returns the context.features keys JaaS accepts.
func JaaSFeatureKeys() []string { return slices.Clone(jaasFeatures) }

// DefaultJaaSFeatures returns the moderator features used when
// JaaSConfig.Features is nil: recording, live streaming and transcription
// on, dialing out (billed per minute) off.
func DefaultJaaSFeatures() map[string]bool {
	return map[string]bool{"livestreaming": true, "outbound-call": false, "recording": true, "transcription": true}
}

// featureSets turns the configured moderator features into the
// context.features of moderators and of members: members get every key
// "false".
func featureSets(cfg map[string]bool) (moderator, member map[string]string, err error) {
	if cfg == nil {
		cfg = DefaultJaaSFeatures()
	}
	moderator, member = map[string]string{}, map[string]string{}
	for _, k := range slices.Sorted(maps.Keys(cfg)) {
		if !slices.Contains(jaasFeatures, k) {
			return nil, nil, fmt.Errorf("unknown feature %s (JaaS accepts %v)", quoteShort(k), jaasFeatures)
		}
		moderator[k] = fmt.Sprint(cfg[k])
		member[k] = "false"
	}
	return moderator, member, nil
}
