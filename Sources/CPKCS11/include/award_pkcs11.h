#ifndef AWARD_PKCS11_H
#define AWARD_PKCS11_H
#include <stddef.h>

/// Signs `data` with the private key labelled `key_label` on the token labelled `token_label`
/// (CKM_SHA256_RSA_PKCS: the token hashes), logging in with `pin`. The module (the token vendor's
/// .so, SoftHSM2's in tests) is loaded with dlopen for the call. 0 on success; else `error` says why.
int award_p11_sign(const char *module, const char *token_label, const char *pin, const char *key_label,
                   const unsigned char *data, unsigned long data_len, unsigned char *signature, unsigned long *signature_len,
                   char *error, size_t error_len);

/// The DER of the certificate labelled `label` on the token (no login needed).
int award_p11_certificate(const char *module, const char *token_label, const char *pin, const char *label,
                          unsigned char *der, unsigned long *der_len, char *error, size_t error_len);
#endif
