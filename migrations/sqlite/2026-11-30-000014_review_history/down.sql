DROP TABLE review_verdicts;
