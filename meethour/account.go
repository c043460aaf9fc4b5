package meethour

import (
	"context"
	"fmt"
)

const (
	opUserDetails = "user_details"
	opTimezones   = "getTimezone"
)

// User is the account's owner, from user_details.
type User struct {
	// ID is the user's id, when Meet Hour sends one.
	ID int64 `json:"id"`
	// Name and Email are the owner's.
	Name  string `json:"name"`
	Email string `json:"email"`
}

// UserDetails returns the account owner. It sends an empty body: the Python
// SDK's response-shaped request fields are a bug, not part of the API.
func (c *Client) UserDetails(ctx context.Context) (User, error) {
	var resp struct {
		Data *User `json:"data"`
	}
	if err := c.call(ctx, opUserDetails, "/api/v1.2/customer/user_details", struct{}{}, &resp); err != nil {
		return User{}, err
	}
	if resp.Data == nil {
		return User{}, fmt.Errorf("meethour: %s: %w: no data", opUserDetails, ErrMalformedResponse)
	}
	return *resp.Data, nil
}

// Timezone is one timezone Meet Hour schedules in.
type Timezone struct {
	// Name is for people, such as "(GMT+05:30) Asia/Kolkata".
	Name string `json:"name"`
	// Value is what ScheduleRequest's location must be named, such as
	// "Asia/Kolkata".
	Value string `json:"value"`
}

// Timezones lists the timezones Meet Hour accepts (getTimezone).
func (c *Client) Timezones(ctx context.Context) ([]Timezone, error) {
	var resp struct {
		Timezones *[]Timezone `json:"timezones"`
	}
	if err := c.call(ctx, opTimezones, "/api/v1.2/getTimezone", struct{}{}, &resp); err != nil {
		return nil, err
	}
	if resp.Timezones == nil {
		return nil, fmt.Errorf("meethour: %s: %w: no timezones", opTimezones, ErrMalformedResponse)
	}
	return *resp.Timezones, nil
}
