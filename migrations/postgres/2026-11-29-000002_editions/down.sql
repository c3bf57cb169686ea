DROP TABLE envelopes;
DROP TABLE edition_categories;
DROP TABLE edition_areas;
DROP TABLE editions;
