#ifndef AWARD_CQRENCODE_SHIM_H
#define AWARD_CQRENCODE_SHIM_H

// Debian's libqrencode-dev: QRcode_encodeString and the module matrix it returns.
#include <qrencode.h>

#endif
