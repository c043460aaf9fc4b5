package externalapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Options are the constructor options of a meeting.
type Options struct {
	// RoomName is the room to join; the provider's RoomPrefix is added.
	// It may carry a tenant: "tenant/room".
	RoomName string
	// Width and Height size the iframe; zero means 100%.
	Width, Height Size
	// ParentNodeID is the id of the element the iframe is appended to;
	// empty means document.body.
	ParentNodeID string
	// ConfigOverwrite overrides config.js values.
	ConfigOverwrite Config
	// InterfaceConfigOverwrite overrides interface_config.js values.
	InterfaceConfigOverwrite Config
	// JWT is the join token.
	JWT string
	// Lang is the UI language, such as "en" or "de".
	Lang string
	// OnLoad is called once the meeting is ready (the ready event).
	OnLoad func()
	// Invitees are invited once the conference is joined.
	Invitees []Invitee
	// Devices are the preferred devices, by label.
	Devices *PreferredDevices
	// UserInfo sets the local participant's name and email.
	UserInfo *UserInfo
	// ICEServers rewrites the deployment's ICE servers.
	ICEServers *ICEServers
	// E2EEKey is an end-to-end encryption passphrase.
	E2EEKey string
	// Release selects a release of the deployment (JaaS); it overrides the
	// provider's Release.
	Release string
	// Sandbox is the iframe's sandbox attribute, such as
	// "allow-scripts allow-same-origin".
	Sandbox string
	// APIKey is Meet Hour's API key; it overrides the provider's.
	APIKey string
	// PCode is Meet Hour's encrypted meeting password.
	PCode string
}

// PreferredDevices choose devices by label when the meeting starts.
type PreferredDevices struct {
	AudioInput  string `json:"audioInput,omitempty"`
	AudioOutput string `json:"audioOutput,omitempty"`
	VideoInput  string `json:"videoInput,omitempty"`
}

// UserInfo is the local participant's identity before a token sets it.
type UserInfo struct {
	DisplayName string `json:"displayName,omitempty"`
	Email       string `json:"email,omitempty"`
}

// ICEServers rewrites the ICE servers the deployment advertises.
type ICEServers struct {
	Replace []ICEServerRule `json:"replace"`
}

// ICEServerRule replaces the servers of one type (such as "turn" or "turns")
// with URLs; empty URLs removes them.
type ICEServerRule struct {
	TargetType string `json:"targetType"`
	URLs       string `json:"urls"`
}

// MarshalJSON encodes empty URLs as null, which removes the servers. (The
// browser build hands the rule to JavaScript through plain, not this.)
func (r ICEServerRule) MarshalJSON() ([]byte, error) {
	var urls any
	if r.URLs != "" {
		urls = r.URLs
	}
	return json.Marshal(struct {
		TargetType string `json:"targetType"`
		URLs       any    `json:"urls"`
	}{r.TargetType, urls})
}

// plain gives the JavaScript form of an ICEServerRule, as MarshalJSON
// writes it.
func (r ICEServerRule) plain() (any, error) {
	var urls any
	if r.URLs != "" {
		urls = r.URLs
	}
	return plainObject{{key: "targetType", value: r.TargetType}, {key: "urls", value: urls}}, nil
}

// validSandboxTokens are the iframe sandbox keywords browsers know.
var validSandboxTokens = map[string]bool{
	"allow-downloads": true, "allow-forms": true, "allow-modals": true, "allow-orientation-lock": true,
	"allow-pointer-lock": true, "allow-popups": true, "allow-popups-to-escape-sandbox": true,
	"allow-presentation": true, "allow-same-origin": true, "allow-scripts": true,
	"allow-storage-access-by-user-activation": true, "allow-top-navigation": true,
	"allow-top-navigation-by-user-activation": true, "allow-top-navigation-to-custom-protocols": true,
}

// Validate reports every problem with o.
func (o Options) Validate() error {
	var errs []error
	if err := validateRoomName(o.RoomName); err != nil {
		errs = append(errs, err)
	}
	if err := o.Width.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("width: %w", err))
	}
	if err := o.Height.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("height: %w", err))
	}
	for _, tok := range strings.Fields(o.Sandbox) {
		if !validSandboxTokens[tok] {
			errs = append(errs, fmt.Errorf("unknown sandbox keyword %q", tok))
		}
	}
	if o.ICEServers != nil {
		for i, r := range o.ICEServers.Replace {
			if r.TargetType == "" {
				errs = append(errs, fmt.Errorf("ICE server rule %d has no target type", i))
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("externalapi: options: %w", err)
	}
	return nil
}

// validateRoomName accepts room names that the iframe URL can carry as a
// path: letters, digits and -_.~@ in one or two segments.
func validateRoomName(name string) error {
	if name == "" {
		return errors.New("no room name")
	}
	segments := strings.Split(name, "/")
	if len(segments) > 2 {
		return fmt.Errorf("room name %q has more than a tenant and a room", name)
	}
	for _, s := range segments {
		if s == "" || s == "." || s == ".." {
			return fmt.Errorf("room name %q has an empty or relative segment", name)
		}
		for _, r := range s {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.~@", r)) {
				return fmt.Errorf("room name %q contains %q", name, r)
			}
		}
	}
	return nil
}

// constructorOptions returns the JSON-encodable constructor options for p,
// without parentNode and onload, which only the browser side can fill in.
func constructorOptions(p Provider, o Options) (map[string]any, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	m := make(map[string]any, 16)
	for k, v := range p.Options {
		m[k] = v
	}
	m["roomName"] = p.RoomPrefix + o.RoomName
	set := func(key string, v any, ok bool) {
		if ok {
			m[key] = v
		}
	}
	set("width", o.Width, !o.Width.IsZero())
	set("height", o.Height, !o.Height.IsZero())
	set("configOverwrite", o.ConfigOverwrite, len(o.ConfigOverwrite) > 0)
	set("interfaceConfigOverwrite", o.InterfaceConfigOverwrite, len(o.InterfaceConfigOverwrite) > 0)
	set("jwt", o.JWT, o.JWT != "")
	set("lang", o.Lang, o.Lang != "")
	set("invitees", o.Invitees, len(o.Invitees) > 0)
	set("devices", o.Devices, o.Devices != nil)
	set("userInfo", o.UserInfo, o.UserInfo != nil)
	set("iceServers", o.ICEServers, o.ICEServers != nil)
	set("e2eeKey", o.E2EEKey, o.E2EEKey != "")
	set("release", o.Release, o.Release != "")
	set("sandbox", o.Sandbox, o.Sandbox != "")
	set("apiKey", o.APIKey, o.APIKey != "")
	set("pcode", o.PCode, o.PCode != "")
	p.Options = m
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}
