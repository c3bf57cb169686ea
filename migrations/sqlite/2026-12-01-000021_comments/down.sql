DROP TABLE comment_reports;
DROP TABLE comments;
