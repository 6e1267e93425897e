/**
 * Authorisations (国发〔2016〕51号; docs/STANDARDS.md §4): a consumer system's application for a resource, granted on
 * registration when the resource is unconditional, otherwise decided by an approver of the provider department
 * within a deadline of working days ({@link cn.tongban.catalog.auth.WorkingDayCalendar}: weekends, official
 * holidays and adjusted working days). {@link cn.tongban.catalog.auth.AuthorisationDecision} is the one rule the
 * catalogue's check and the exchange both apply: is consumer C authorised for resource R, purpose P, service item S,
 * fields F at instant T, and why not.
 */
package cn.tongban.catalog.auth;
