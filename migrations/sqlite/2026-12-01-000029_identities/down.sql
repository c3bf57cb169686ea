DROP TABLE identity_sign_ins;
DROP TABLE identities;
