-- A page session started with an API token remembers it, so revoking the token ends the session at once.
ALTER TABLE `sessions` ADD `token_id` text;
