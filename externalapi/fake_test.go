package externalapi

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
)

// fakeBackend records what an API sends and answers from canned results.
type fakeBackend struct {
	mu        sync.Mutex
	commands  []Command
	calls     []string
	listening map[string]int
	results   map[string]string // method -> JSON result; absent means the promise never settles
	disposed  int
	sent      chan Command // every command, for tests that wait on one
	awaiting  chan string  // every promise method called, likewise
}

// newFakeAPI returns an API over a fresh fakeBackend.
func newFakeAPI() (*API, *fakeBackend) {
	f := &fakeBackend{listening: map[string]int{}, results: map[string]string{}, sent: make(chan Command, 256), awaiting: make(chan string, 256)}
	a := newAPI(Jitsi("meet.example.com"))
	a.backend = f
	return a, f
}

func (f *fakeBackend) execute(name string, args []any) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := Command{Name: name, Args: args}
	f.commands = append(f.commands, c)
	select {
	case f.sent <- c:
	default:
	}
	return nil
}

func (f *fakeBackend) record(method string, args []any) (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, _ := json.Marshal(args)
	f.calls = append(f.calls, method+string(b))
	r, ok := f.results[method]
	return r, ok
}

func (f *fakeBackend) call(method string, args []any) ([]byte, error) {
	r, ok := f.record(method, args)
	if !ok {
		return []byte("null"), nil
	}
	return []byte(r), nil
}

func (f *fakeBackend) await(ctx context.Context, method string, args []any) ([]byte, error) {
	r, ok := f.record(method, args)
	select {
	case f.awaiting <- method:
	default:
	}
	if ok {
		return []byte(r), nil
	}
	<-ctx.Done()
	return nil, fmt.Errorf("no answer: %w", context.Cause(ctx))
}

func (f *fakeBackend) listen(event string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.listening[event]++
	return nil
}

func (f *fakeBackend) unlisten(event string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.listening[event]--
	if f.listening[event] == 0 {
		delete(f.listening, event)
	}
	return nil
}

func (f *fakeBackend) dispose() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.disposed++
	return nil
}

// last returns the last command sent.
func (f *fakeBackend) last() (Command, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.commands) == 0 {
		return Command{}, false
	}
	return f.commands[len(f.commands)-1], true
}

// listeners counts the events with a listener attached.
func (f *fakeBackend) listeners() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.listening)
}

// newFakeAPIWithSupport returns an API over a fakeBackend whose library lists
// the given commands and events (as JSON arrays, or "" for a library without
// that getSupported* answer), read as New reads them.
func newFakeAPIWithSupport(commands, events string) (*API, *fakeBackend) {
	a, f := newFakeAPI()
	if commands != "" {
		f.results["getSupportedCommands"] = commands
	}
	if events != "" {
		f.results["getSupportedEvents"] = events
	}
	a.learnSupport()
	return a, f
}
