#ifndef AWARD_CXLSXWRITER_SHIM_H
#define AWARD_CXLSXWRITER_SHIM_H

// Debian's libxlsxwriter-dev (pkg-config xlsxwriter): the writer of the .xlsx files officers open in Excel.
#include <xlsxwriter.h>

#endif
