/**
 * Authorisations (国发〔2016〕51号; docs/STANDARDS.md §4): a consumer system's application for a resource, granted on
 * registration when the resource is unconditional, otherwise decided by an approver of the provider department
 * within a deadline of working days ({@link cn.tongban.catalog.auth.WorkingDayCalendar}: weekends, official
 * holidays and adjusted working days). {@link cn.tongban.catalog.auth.Authorisations#decide} answers what the
 * exchange enforces: is consumer C authorised for resource R, purpose P, fields F at instant T, and why not.
 */
package cn.tongban.catalog.auth;
