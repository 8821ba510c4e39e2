"""Checks: one module per rule family; each rule is a short function over facts."""
