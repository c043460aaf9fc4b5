package sharedcache

import (
	"bytes"
	"container/list"
	"context"
	"errors"
	"sync"
	"time"
)

// Memory is a [Cache] in this process: at most a fixed number of entries,
// each for at most its ttl; when full, the least recently used goes.
type Memory struct {
	mu      sync.Mutex
	max     int
	order   *list.List // front: most recently used; values are *memoryEntry
	entries map[string]*list.Element
	now     func() time.Time
}

// memoryEntry is one stored value.
type memoryEntry struct {
	key     string
	value   []byte
	expires time.Time
}

// NewMemory returns a cache of at most maxEntries entries (at least 1).
func NewMemory(maxEntries int) *Memory {
	return &Memory{max: max(maxEntries, 1), order: list.New(), entries: make(map[string]*list.Element), now: time.Now}
}

// Get implements [Cache].
func (m *Memory) Get(_ context.Context, key string) ([]byte, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	el, ok := m.entries[key]
	if !ok {
		return nil, false, nil
	}
	e := el.Value.(*memoryEntry)
	if !m.now().Before(e.expires) {
		m.remove(el)
		return nil, false, nil
	}
	m.order.MoveToFront(el)
	return append([]byte(nil), e.value...), true, nil
}

// Set implements [Cache].
func (m *Memory) Set(_ context.Context, key string, value []byte, ttl time.Duration) error {
	if ttl <= 0 {
		return errors.New("sharedcache: ttl must be positive")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.store(key, value, ttl)
	return nil
}

// Add implements [Cache].
func (m *Memory) Add(_ context.Context, key string, value []byte, ttl time.Duration) (bool, error) {
	if ttl <= 0 {
		return false, errors.New("sharedcache: ttl must be positive")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if el, ok := m.entries[key]; ok && m.now().Before(el.Value.(*memoryEntry).expires) {
		return false, nil
	}
	m.store(key, value, ttl)
	return true, nil
}

// Delete implements [Cache].
func (m *Memory) Delete(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if el, ok := m.entries[key]; ok {
		m.remove(el)
	}
	return nil
}

// DeleteIf implements [Cache].
func (m *Memory) DeleteIf(_ context.Context, key string, value []byte) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	el, ok := m.entries[key]
	if !ok {
		return false, nil
	}
	e := el.Value.(*memoryEntry)
	if !m.now().Before(e.expires) || !bytes.Equal(e.value, value) {
		return false, nil
	}
	m.remove(el)
	return true, nil
}

// Len returns how many entries are held, expired ones included until they
// are next touched or pushed out.
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.order.Len()
}

// store puts value under key for ttl, pushing out the least recently used
// entries beyond the bound; the caller holds mu.
func (m *Memory) store(key string, value []byte, ttl time.Duration) {
	e := &memoryEntry{key: key, value: append([]byte(nil), value...), expires: m.now().Add(ttl)}
	if el, ok := m.entries[key]; ok {
		el.Value = e
		m.order.MoveToFront(el)
		return
	}
	m.entries[key] = m.order.PushFront(e)
	for m.order.Len() > m.max {
		m.remove(m.order.Back())
	}
}

// remove drops one entry; the caller holds mu.
func (m *Memory) remove(el *list.Element) {
	m.order.Remove(el)
	delete(m.entries, el.Value.(*memoryEntry).key)
}
