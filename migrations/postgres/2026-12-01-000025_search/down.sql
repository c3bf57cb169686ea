DROP TABLE search_index;
