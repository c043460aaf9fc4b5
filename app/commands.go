package app

import (
	"errors"
	"fmt"
	"strings"

	"github.com/meetbridge/meetbridge/externalapi"
)

// errNoMeeting is reported for a control used before the meeting exists.
var errNoMeeting = errors.New("the meeting has not started yet")

// run sends one command through the bridge and returns its error, never a
// panic.
func run(api *externalapi.API, cmd func(*externalapi.API) error) (err error) {
	if api == nil {
		return errNoMeeting
	}
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("the command failed: %v", v)
		}
	}()
	return cmd(api)
}

// describe turns an error into a line for the user.
func describe(err error) string {
	if err == nil {
		return ""
	}
	var arg *externalapi.ArgumentError
	switch {
	case errors.As(err, &arg):
		return fmt.Sprintf("%s refused: %s %v", arg.Command, arg.Param, arg.Err)
	case errors.Is(err, externalapi.ErrDisposed):
		return "the meeting is closed"
	}
	return strings.TrimPrefix(err.Error(), "externalapi: ")
}
