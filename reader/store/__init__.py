"""The SQLite store. Never imports textual: the UI and CLI call these functions, never SQL."""

from reader.store.articles import (
    ArticleFilter,
    ArticleNotFoundError,
    add_articles,
    article_ids,
    count_articles,
    delete_articles,
    get_article,
    iter_articles,
    list_articles,
    mark_all_read,
    newest_article_id,
    set_bookmark,
    set_read,
    store_stats,
    summaries,
    toggle_bookmark,
    toggle_read,
)
from reader.store.connection import (
    StoreCorruptError,
    StoreError,
    StoreTooNewError,
    open_store,
    transaction,
)
from reader.store.feeds import (
    FeedNotFoundError,
    FeedUpdate,
    add_feed,
    feed_counts,
    get_feed,
    list_feeds,
    remove_feed,
    rename_feed,
    save_refresh,
    tag_feed,
)
from reader.store.migrations import LATEST_VERSION, migrate, schema_version
from reader.store.search import SearchQueryError, fts_query
from reader.store.tags import (
    TagError,
    add_tags,
    change_tags,
    clean_tag,
    list_tags,
    remove_tags,
    set_tags,
    tags_for,
)

__all__ = [
    "LATEST_VERSION", "ArticleFilter", "ArticleNotFoundError", "FeedNotFoundError", "FeedUpdate", "SearchQueryError",
    "StoreCorruptError", "StoreError", "StoreTooNewError", "TagError", "add_articles", "add_feed",
    "add_tags", "article_ids", "change_tags", "clean_tag", "count_articles", "delete_articles", "feed_counts",
    "fts_query", "get_article", "get_feed", "iter_articles", "list_articles", "list_feeds", "list_tags",
    "mark_all_read", "newest_article_id", "migrate", "open_store", "remove_feed", "remove_tags", "rename_feed", "save_refresh", "schema_version", "set_bookmark", "set_read",
    "set_tags", "store_stats", "summaries", "tag_feed", "tags_for", "toggle_bookmark", "toggle_read", "transaction",
]
