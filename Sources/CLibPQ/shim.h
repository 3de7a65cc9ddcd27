#ifndef AWARD_CLIBPQ_SHIM_H
#define AWARD_CLIBPQ_SHIM_H

// Debian installs libpq-fe.h under postgresql/; pkg-config's -I points there.
#include <libpq-fe.h>

// Swift does not import character-literal macros such as PG_DIAG_SQLSTATE ('C'):
// re-export the ones the engine reads as constants.
static const int AWARD_PG_DIAG_SQLSTATE = PG_DIAG_SQLSTATE;
static const int AWARD_PG_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY;
static const int AWARD_PG_DIAG_MESSAGE_DETAIL = PG_DIAG_MESSAGE_DETAIL;
static const int AWARD_PG_DIAG_MESSAGE_HINT = PG_DIAG_MESSAGE_HINT;
static const int AWARD_PG_DIAG_CONSTRAINT_NAME = PG_DIAG_CONSTRAINT_NAME;
static const int AWARD_PG_DIAG_TABLE_NAME = PG_DIAG_TABLE_NAME;
static const int AWARD_PG_DIAG_COLUMN_NAME = PG_DIAG_COLUMN_NAME;
static const int AWARD_PG_DIAG_SEVERITY_NONLOCALIZED = PG_DIAG_SEVERITY_NONLOCALIZED;

#endif
