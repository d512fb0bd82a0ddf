"""The objective terms: what makes one valid plan better than another."""
