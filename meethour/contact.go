package meethour

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/mail"
	"strings"
)

const (
	opAddContact    = "addcontact"
	opContacts      = "contacts"
	opEditContact   = "editcontact"
	opDeleteContact = "deletecontact"
)

// ErrContactExists means addcontact refused a contact whose email the
// account already has ("Your contact already added."): find it instead,
// as FindOrAddContact does. errors.Is matches the *APIError against it.
var ErrContactExists = errors.New("meethour: contact already exists")

// duplicateContactMessage is how Meet Hour refuses a second contact with
// the same email.
const duplicateContactMessage = "already added"

// Contact is a contact of the account: a person who can be a meeting's
// host or attendee and fetch a join token of their own (GetJWT with
// WithContactID).
type Contact struct {
	// ID is the contact id getjwt takes.
	ID          int64  `json:"id"`
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	Email       string `json:"email"`
	Phone       string `json:"phone,omitempty"`
	CountryCode string `json:"country_code,omitempty"`
	Image       string `json:"image,omitempty"`
}

// ContactInput is a contact to add or the new state of one to edit.
type ContactInput struct {
	// Email and FirstName are required.
	Email, FirstName string
	// LastName, Phone, CountryCode and Image (a URL) are optional.
	LastName, Phone, CountryCode, Image string
	// ShowPortal shows the contact in the Meet Hour portal.
	ShowPortal bool
}

// contactBody is the addcontact and editcontact request body. Contacts
// take is_show_portal as a bool where meetings take an int, as the SDKs
// send it.
type contactBody struct {
	ContactID    int64  `json:"contact_id,omitempty"`
	Email        string `json:"email"`
	FirstName    string `json:"firstname"`
	LastName     string `json:"lastname,omitempty"`
	Phone        string `json:"phone,omitempty"`
	CountryCode  string `json:"country_code,omitempty"`
	Image        string `json:"image,omitempty"`
	IsShowPortal bool   `json:"is_show_portal"`
}

// body checks in and builds the request body.
func (in ContactInput) body(id int64) (contactBody, error) {
	var errs []error
	if a, err := mail.ParseAddress(in.Email); err != nil || a.Address != in.Email {
		errs = append(errs, errors.New("Email must be a bare address"))
	}
	if strings.TrimSpace(in.FirstName) == "" {
		errs = append(errs, errors.New("FirstName is required"))
	}
	if err := errors.Join(errs...); err != nil {
		return contactBody{}, err
	}
	return contactBody{
		ContactID: id, Email: in.Email, FirstName: in.FirstName, LastName: in.LastName,
		Phone: in.Phone, CountryCode: in.CountryCode, Image: in.Image, IsShowPortal: in.ShowPortal,
	}, nil
}

// AddContact adds a contact and returns it with its id. A contact whose
// email the account has already is refused with an error matching
// ErrContactExists.
func (c *Client) AddContact(ctx context.Context, in ContactInput) (Contact, error) {
	body, err := in.body(0)
	if err != nil {
		return Contact{}, fmt.Errorf("meethour: %s: %w", opAddContact, err)
	}
	var resp struct {
		Data *Contact `json:"data"`
	}
	if err := c.call(ctx, opAddContact, "/api/v1.2/customer/addcontact", body, &resp); err != nil {
		return Contact{}, err
	}
	if resp.Data == nil || resp.Data.ID <= 0 {
		return Contact{}, fmt.Errorf("meethour: %s: %w: no data.id", opAddContact, ErrMalformedResponse)
	}
	ct := *resp.Data
	if ct.Email == "" {
		ct.Email, ct.FirstName, ct.LastName = in.Email, in.FirstName, in.LastName
	}
	return ct, nil
}

// ContactQuery pages the contact list.
type ContactQuery struct {
	ListOptions
	// ExcludeHosts leaves the account's hosts out.
	ExcludeHosts bool
}

// ContactPage is one page of contacts.
type ContactPage struct {
	Paging
	Contacts []Contact
}

// Contacts returns one page of the account's contacts.
func (c *Client) Contacts(ctx context.Context, q ContactQuery) (ContactPage, error) {
	if err := q.check(); err != nil {
		return ContactPage{}, fmt.Errorf("meethour: %s: %w", opContacts, err)
	}
	body := struct {
		ExcludeHosts int `json:"exclude_hosts"`
		Limit        int `json:"limit,omitempty"`
		Page         int `json:"page,omitempty"`
	}{boolInt(q.ExcludeHosts), q.Limit, q.Page}
	var resp struct {
		pagingWire
		Contacts *[]Contact `json:"contacts"`
	}
	if err := c.call(ctx, opContacts, "/api/v1.2/customer/contacts", body, &resp); err != nil {
		return ContactPage{}, err
	}
	if resp.Contacts == nil {
		return ContactPage{}, fmt.Errorf("meethour: %s: %w: no contacts", opContacts, ErrMalformedResponse)
	}
	return ContactPage{Paging: resp.paging(), Contacts: *resp.Contacts}, nil
}

// AllContacts yields every contact, one page at a time from q.Page on; it
// stops at the first error, which it yields.
func (c *Client) AllContacts(ctx context.Context, q ContactQuery) iter.Seq2[Contact, error] {
	return allPages(ctx, q.Page, func(ctx context.Context, page int) ([]Contact, Paging, error) {
		q.Page = page
		p, err := c.Contacts(ctx, q)
		return p.Contacts, p.Paging, err
	})
}

// FindContact returns the contact with email (compared without regard to
// case), and false when the account has none. It reads the contact list
// page by page: the API has no search by email.
func (c *Client) FindContact(ctx context.Context, email string) (Contact, bool, error) {
	for ct, err := range c.AllContacts(ctx, ContactQuery{ListOptions: ListOptions{Limit: 100}}) {
		if err != nil {
			return Contact{}, false, err
		}
		if strings.EqualFold(ct.Email, email) {
			return ct, true, nil
		}
	}
	return Contact{}, false, nil
}

// FindOrAddContact returns the contact with in.Email, adding it when the
// account has none. A duplicate answer to the add (another caller added it
// meanwhile) means "find it".
func (c *Client) FindOrAddContact(ctx context.Context, in ContactInput) (Contact, error) {
	if ct, ok, err := c.FindContact(ctx, in.Email); err != nil || ok {
		return ct, err
	}
	ct, err := c.AddContact(ctx, in)
	if !errors.Is(err, ErrContactExists) {
		return ct, err
	}
	ct, ok, ferr := c.FindContact(ctx, in.Email)
	switch {
	case ferr != nil:
		return Contact{}, ferr
	case !ok:
		return Contact{}, fmt.Errorf("meethour: %s: Meet Hour says the contact exists but does not list it: %w", opAddContact, err)
	}
	return ct, nil
}

// EditContact changes a contact.
func (c *Client) EditContact(ctx context.Context, id int64, in ContactInput) error {
	if id <= 0 {
		return fmt.Errorf("meethour: %s: contact id must be positive", opEditContact)
	}
	body, err := in.body(id)
	if err != nil {
		return fmt.Errorf("meethour: %s: %w", opEditContact, err)
	}
	return c.call(ctx, opEditContact, "/api/v1.2/customer/editcontact", body, &struct{}{})
}

// DeleteContact removes a contact (deletecontact, which only the PHP SDK
// knows).
func (c *Client) DeleteContact(ctx context.Context, id int64) error {
	if id <= 0 {
		return fmt.Errorf("meethour: %s: contact id must be positive", opDeleteContact)
	}
	return c.call(ctx, opDeleteContact, "/api/v1.2/customer/deletecontact", struct {
		ContactID int64 `json:"contact_id"`
	}{id}, &struct{}{})
}
