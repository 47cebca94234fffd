"""Pages of partner selection, one module per area. Thin: fetch with access checked, validate,
call one service, redirect with a message. Refusals re-render the bound form so nothing typed is
lost."""
