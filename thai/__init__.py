"""Thai presentation and the Thai calendar: digits (`thai.digits`), Buddhist-era dates
(`thai.dates`), the government fiscal year and its reporting periods (`thai.fiscal`), and the
template filters that use them (`thai.templatetags.thai`, loaded in every template)."""
