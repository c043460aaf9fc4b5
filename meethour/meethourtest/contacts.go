package meethourtest

import (
	"net/http"
	"net/mail"
	"strings"

	"github.com/meetbridge/meetbridge/meethour"
)

// DuplicateContactMessage is how the fake, like Meet Hour, refuses a
// second contact with the same email.
const DuplicateContactMessage = "Your contact already added."

// contactBody is an addcontact or editcontact request.
type contactBody struct {
	ContactID    *int64 `json:"contact_id"`
	Email        string `json:"email"`
	FirstName    string `json:"firstname"`
	LastName     string `json:"lastname"`
	Phone        string `json:"phone"`
	CountryCode  string `json:"country_code"`
	Image        string `json:"image"`
	IsShowPortal *bool  `json:"is_show_portal"`
}

// check answers a missing or invalid field and returns false.
func (b contactBody) check(w http.ResponseWriter) bool {
	if a, err := mail.ParseAddress(b.Email); err != nil || a.Address != b.Email {
		invalid(w, "The email must be a valid email address.")
		return false
	}
	if strings.TrimSpace(b.FirstName) == "" {
		invalid(w, "The firstname field is required.")
		return false
	}
	return true
}

// addContactLocked stores c with a new id; s.mu is held.
func (s *Server) addContactLocked(c meethour.Contact) *meethour.Contact {
	c.ID = int64(100 + len(s.contacts) + 1)
	s.contacts = append(s.contacts, &c)
	return &c
}

// contactByEmailLocked finds a contact; s.mu is held.
func (s *Server) contactByEmailLocked(email string) *meethour.Contact {
	for _, c := range s.contacts {
		if strings.EqualFold(c.Email, email) {
			return c
		}
	}
	return nil
}

// contactByIDLocked finds a contact; s.mu is held.
func (s *Server) contactByIDLocked(id int64) *meethour.Contact {
	for _, c := range s.contacts {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// addContact serves /api/v1.2/customer/addcontact.
func (s *Server) addContact(w http.ResponseWriter, r *http.Request) {
	var b contactBody
	if !decode(w, r, &b) || !b.check(w) {
		return
	}
	if b.ContactID != nil {
		invalid(w, "The contact id field is not allowed.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.contactByEmailLocked(b.Email) != nil {
		writeJSON(w, http.StatusOK, envelope(false, http.StatusConflict, DuplicateContactMessage))
		return
	}
	c := s.addContactLocked(meethour.Contact{Email: b.Email, FirstName: b.FirstName, LastName: b.LastName,
		Phone: b.Phone, CountryCode: b.CountryCode, Image: b.Image})
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "code": 200, "message": "Contact added successfully.", "data": c})
}

// listContacts serves /api/v1.2/customer/contacts.
func (s *Server) listContacts(w http.ResponseWriter, r *http.Request) {
	var b struct {
		paging
		ExcludeHosts *int `json:"exclude_hosts"`
	}
	if !decode(w, r, &b) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	from, to, pages, msg := b.window(len(s.contacts))
	if msg != "" {
		invalid(w, msg)
		return
	}
	page := make([]meethour.Contact, 0, to-from)
	for _, c := range s.contacts[from:to] {
		page = append(page, *c)
	}
	writeJSON(w, http.StatusOK, listAnswer("contacts", page, len(s.contacts), pages))
}

// editContact serves /api/v1.2/customer/editcontact.
func (s *Server) editContact(w http.ResponseWriter, r *http.Request) {
	var b contactBody
	if !decode(w, r, &b) {
		return
	}
	if b.ContactID == nil {
		invalid(w, "The contact id field is required.")
		return
	}
	if !b.check(w) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.contactByIDLocked(*b.ContactID)
	if c == nil {
		notFound(w, "Contact")
		return
	}
	c.Email, c.FirstName, c.LastName, c.Phone, c.CountryCode, c.Image = b.Email, b.FirstName, b.LastName, b.Phone, b.CountryCode, b.Image
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "code": 200, "message": "Contact updated successfully.", "data": c})
}

// deleteContact serves /api/v1.2/customer/deletecontact.
func (s *Server) deleteContact(w http.ResponseWriter, r *http.Request) {
	var b struct {
		ContactID *int64 `json:"contact_id"`
	}
	if !decode(w, r, &b) {
		return
	}
	if b.ContactID == nil {
		invalid(w, "The contact id field is required.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, c := range s.contacts {
		if c.ID == *b.ContactID {
			s.contacts = append(s.contacts[:i], s.contacts[i+1:]...)
			ok(w, "Contact deleted successfully.")
			return
		}
	}
	notFound(w, "Contact")
}
