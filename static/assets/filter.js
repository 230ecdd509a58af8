// Grade-range filter for the summary table.
