//! Normalizers: pure functions from Chinese text to resolved values —
//! dates ([`date`]), responsible units ([`unit`]) and people ([`person`]).
//! They know nothing about documents; the parser hands them field text.

pub mod date;
pub mod person;
pub mod plan;
pub mod unit;
