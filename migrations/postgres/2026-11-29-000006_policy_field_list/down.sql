-- The list stays: the names it corrected were wrong, and budget lines may refer to the codes it added.
SELECT 1;
