// PKCS#11 (OASIS) through p11-kit's header (Debian's libp11-kit-dev): open the vendor's module,
// find the token by label, log in, find an object by label, sign or read it, close everything.
#include "award_pkcs11.h"
#include <p11-kit-1/p11-kit/pkcs11.h>
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

typedef struct { void *handle; CK_FUNCTION_LIST_PTR f; CK_SESSION_HANDLE session; int initialised; int logged_in; } award_p11;

static int fail(char *error, size_t len, const char *what, CK_RV rv) {
    snprintf(error, len, "%s (CKR 0x%lx)", what, (unsigned long)rv);
    return -1;
}

static void close_all(award_p11 *p) {
    if (p->logged_in) p->f->C_Logout(p->session);
    if (p->session) p->f->C_CloseSession(p->session);
    if (p->initialised) p->f->C_Finalize(NULL);
    if (p->handle) dlclose(p->handle);
}

static int open_token(award_p11 *p, const char *module, const char *token_label, const char *pin, char *error, size_t len) {
    memset(p, 0, sizeof *p);
    p->handle = dlopen(module, RTLD_NOW | RTLD_LOCAL);
    if (!p->handle) { snprintf(error, len, "cannot load the PKCS#11 module %s", module); return -1; }
    CK_C_GetFunctionList get = (CK_C_GetFunctionList)dlsym(p->handle, "C_GetFunctionList");
    if (!get) { snprintf(error, len, "%s is not a PKCS#11 module", module); return -1; }
    CK_RV rv = get(&p->f);
    if (rv != CKR_OK) return fail(error, len, "C_GetFunctionList", rv);
    rv = p->f->C_Initialize(NULL);
    if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) return fail(error, len, "C_Initialize", rv);
    p->initialised = (rv == CKR_OK);
    CK_SLOT_ID slots[64]; CK_ULONG count = 64;
    rv = p->f->C_GetSlotList(CK_TRUE, slots, &count);
    if (rv != CKR_OK) return fail(error, len, "C_GetSlotList", rv);
    char padded[33]; memset(padded, ' ', 32); padded[32] = 0;
    size_t n = strlen(token_label); memcpy(padded, token_label, n > 32 ? 32 : n);
    for (CK_ULONG i = 0; i < count; i++) {
        CK_TOKEN_INFO info;
        if (p->f->C_GetTokenInfo(slots[i], &info) != CKR_OK) continue;
        if (memcmp(info.label, padded, 32) != 0) continue;
        rv = p->f->C_OpenSession(slots[i], CKF_SERIAL_SESSION, NULL, NULL, &p->session);
        if (rv != CKR_OK) return fail(error, len, "C_OpenSession", rv);
        if (pin) {
            rv = p->f->C_Login(p->session, CKU_USER, (CK_UTF8CHAR_PTR)pin, strlen(pin));
            if (rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN) return fail(error, len, "C_Login (wrong PIN?)", rv);
            p->logged_in = (rv == CKR_OK);
        }
        return 0;
    }
    snprintf(error, len, "no token labelled \"%s\"", token_label);
    return -1;
}

static int find(award_p11 *p, CK_OBJECT_CLASS cls, const char *label, CK_OBJECT_HANDLE *found, char *error, size_t len) {
    CK_ATTRIBUTE query[2] = { { CKA_CLASS, &cls, sizeof cls }, { CKA_LABEL, (void *)label, strlen(label) } };
    CK_RV rv = p->f->C_FindObjectsInit(p->session, query, 2);
    if (rv != CKR_OK) return fail(error, len, "C_FindObjectsInit", rv);
    CK_ULONG n = 0;
    rv = p->f->C_FindObjects(p->session, found, 1, &n);
    p->f->C_FindObjectsFinal(p->session);
    if (rv != CKR_OK) return fail(error, len, "C_FindObjects", rv);
    if (n == 0) { snprintf(error, len, "no object labelled \"%s\" on the token", label); return -1; }
    return 0;
}

int award_p11_sign(const char *module, const char *token_label, const char *pin, const char *key_label,
                   const unsigned char *data, unsigned long data_len, unsigned char *signature, unsigned long *signature_len,
                   char *error, size_t error_len) {
    award_p11 p; int result = -1;
    CK_OBJECT_HANDLE key;
    if (open_token(&p, module, token_label, pin, error, error_len) == 0 && find(&p, CKO_PRIVATE_KEY, key_label, &key, error, error_len) == 0) {
        CK_MECHANISM mechanism = { CKM_SHA256_RSA_PKCS, NULL, 0 };
        CK_RV rv = p.f->C_SignInit(p.session, &mechanism, key);
        if (rv != CKR_OK) fail(error, error_len, "C_SignInit", rv);
        else {
            CK_ULONG n = *signature_len;
            rv = p.f->C_Sign(p.session, (CK_BYTE_PTR)data, data_len, signature, &n);
            if (rv != CKR_OK) fail(error, error_len, "C_Sign", rv);
            else { *signature_len = n; result = 0; }
        }
    }
    close_all(&p);
    return result;
}

int award_p11_certificate(const char *module, const char *token_label, const char *pin, const char *label,
                          unsigned char *der, unsigned long *der_len, char *error, size_t error_len) {
    award_p11 p; int result = -1;
    CK_OBJECT_HANDLE cert;
    if (open_token(&p, module, token_label, pin, error, error_len) == 0 && find(&p, CKO_CERTIFICATE, label, &cert, error, error_len) == 0) {
        CK_ATTRIBUTE value = { CKA_VALUE, der, *der_len };
        CK_RV rv = p.f->C_GetAttributeValue(p.session, cert, &value, 1);
        if (rv != CKR_OK) fail(error, error_len, "C_GetAttributeValue", rv);
        else { *der_len = value.ulValueLen; result = 0; }
    }
    close_all(&p);
    return result;
}
