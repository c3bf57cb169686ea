DROP TABLE review_cost_lines;
