package externalapi

import (
	"errors"
	"fmt"
	"reflect"
)

// Command is one External API command in its wire form: the name given to
// executeCommand and the argument array that travels to the meeting.
type Command struct {
	// Name is the executeCommand name, such as "displayName".
	Name string
	// Args are the arguments, each encodable as JSON.
	Args []any
}

// Wire returns the name the meeting receives, such as "display-name", or ""
// for a name the External API does not know.
func (c Command) Wire() string {
	if info, ok := commandByName[c.Name]; ok {
		return info.Wire
	}
	return ""
}

// ArgumentError reports a command argument rejected before anything was sent.
type ArgumentError struct {
	// Command is the executeCommand name.
	Command string
	// Param is the Go parameter's name.
	Param string
	// Err says what is wrong.
	Err error
}

// Error implements error.
func (e *ArgumentError) Error() string {
	return fmt.Sprintf("externalapi: %s: %s: %v", e.Command, e.Param, e.Err)
}

// Unwrap returns the underlying reason.
func (e *ArgumentError) Unwrap() error { return e.Err }

// ErrUnknownCommand is returned by ExecuteCommand for a name the External API
// does not know; the meeting would ignore it.
var ErrUnknownCommand = errors.New("externalapi: unknown command")

// errRequired is the reason given for a required argument left empty.
var errRequired = errors.New("is required")

// validator is implemented by argument types that check their own value.
type validator interface{ Validate() error }

// paramFlags say how a parameter travels.
type paramFlags uint8

const (
	// required params must not be the zero value.
	required paramFlags = 1 << iota
	// optional params may be the zero value; then they are not validated
	// and, when trailing, not sent.
	optional
)

// param is one typed argument of a generated command method.
type param struct {
	name  string
	key   string // json key when the command takes one object argument
	value any
	flags paramFlags
}

// buildCommand validates params and returns the command's wire form. With
// object set, the params travel as one object keyed by their json keys.
func buildCommand(name string, object bool, params ...param) (Command, error) {
	for _, p := range params {
		zero := reflect.ValueOf(p.value).IsZero()
		switch {
		case zero && p.flags&optional != 0:
			continue
		case zero && p.flags&required != 0:
			return Command{}, &ArgumentError{Command: name, Param: p.name, Err: errRequired}
		}
		if v, ok := p.value.(validator); ok {
			if err := v.Validate(); err != nil {
				return Command{}, &ArgumentError{Command: name, Param: p.name, Err: err}
			}
		}
	}
	if object {
		obj := make(map[string]any, len(params))
		for _, p := range params {
			if p.flags&optional != 0 && reflect.ValueOf(p.value).IsZero() {
				continue
			}
			obj[p.key] = p.value
		}
		return Command{Name: name, Args: []any{obj}}, nil
	}
	n := len(params)
	for n > 0 && params[n-1].flags&optional != 0 && reflect.ValueOf(params[n-1].value).IsZero() {
		n--
	}
	args := make([]any, n)
	for i := range args {
		args[i] = params[i].value
	}
	return Command{Name: name, Args: args}, nil
}

// send validates and sends a generated command.
func (a *API) send(name string, object bool, params ...param) error {
	c, err := buildCommand(name, object, params...)
	if err != nil {
		return err
	}
	return a.execute(c)
}

// ExecuteCommand sends a command by its executeCommand name with untyped
// arguments. It is the escape hatch for what the typed methods do not cover;
// the arguments are not validated beyond the name.
func (a *API) ExecuteCommand(name string, args ...any) error {
	return a.execute(Command{Name: name, Args: args})
}

// ExecuteCommands sends several commands in order. All names are checked,
// against this package and against the loaded library, before the first
// command is sent.
func (a *API) ExecuteCommands(commands ...Command) error {
	for _, c := range commands {
		if _, ok := commandByName[c.Name]; !ok {
			return fmt.Errorf("%w %q", ErrUnknownCommand, c.Name)
		}
		if _, err := a.support.commandFor(c.Name); err != nil {
			return err
		}
	}
	for _, c := range commands {
		if err := a.execute(c); err != nil {
			return err
		}
	}
	return nil
}

// execute hands a command to the backend, under its renamed form when the
// loaded library only has that one (see ErrUnsupported).
func (a *API) execute(c Command) error {
	if _, ok := commandByName[c.Name]; !ok {
		return fmt.Errorf("%w %q", ErrUnknownCommand, c.Name)
	}
	name, err := a.support.commandFor(c.Name)
	if err != nil {
		return err
	}
	if err := a.alive(); err != nil {
		return err
	}
	if c.Args == nil {
		c.Args = []any{}
	}
	return a.backend.execute(name, c.Args)
}

// SetMediaEncryptionKey sets the external end-to-end encryption key, given as
// its raw bytes, with its index. A nil key drops the key at that index.
func (a *API) SetMediaEncryptionKey(key []byte, index int) error {
	arg, err := mediaEncryptionKeyArg(key, index)
	if err != nil {
		return &ArgumentError{Command: "setMediaEncryptionKey", Param: "key", Err: err}
	}
	return a.execute(Command{Name: "setMediaEncryptionKey", Args: []any{arg}})
}
