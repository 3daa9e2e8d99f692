"""One module per screen: main, help, tag dialog, filter menu, search."""
