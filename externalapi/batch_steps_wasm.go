//go:build js && wasm

package externalapi

import "github.com/hack-pad/safejs"

// jsSteps makes a sequence of JavaScript calls that stops at the first
// failure: err is that failure, and every step after it does nothing and
// returns the zero Value. A setup of many steps then checks err once,
// instead of after each step. A step on a value that a failed or missing
// step left undefined fails too (it throws), so a missing built-in is an
// error, not a panic. Its methods are kept out of line
// (go:noinline): inlined, each step of a setup would repeat the error check
// and the call's glue, which is most of the code the setup compiles to.
type jsSteps struct{ err error }

// get returns v[key].
//
//go:noinline
func (s *jsSteps) get(v safejs.Value, key string) safejs.Value {
	if s.err != nil {
		return safejs.Value{}
	}
	v, s.err = v.Get(key)
	return v
}

// call returns v[method](args...).
//
//go:noinline
func (s *jsSteps) call(v safejs.Value, method string, args ...any) safejs.Value {
	if s.err != nil {
		return safejs.Value{}
	}
	v, s.err = v.Call(method, args...)
	return v
}

// bind returns v[method].bind(v, args...): the method with its receiver
// and first arguments fixed.
//
//go:noinline
func (s *jsSteps) bind(v safejs.Value, method string, args ...any) safejs.Value {
	return s.call(s.get(v, method), "bind", append([]any{v}, args...)...)
}

// new returns new ctor(args...).
//
//go:noinline
func (s *jsSteps) new(ctor safejs.Value, args ...any) safejs.Value {
	if s.err != nil {
		return safejs.Value{}
	}
	v, err := ctor.New(args...)
	s.err = err
	return v
}

// set sets v[key] = value.
//
//go:noinline
func (s *jsSteps) set(v safejs.Value, key string, value any) {
	if s.err == nil {
		s.err = v.Set(key, value)
	}
}
