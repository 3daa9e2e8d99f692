"""One module per widget: article list, reader pane, related panel, welcome, status bar."""
