// The module only declares LLVMFuzzerRunDriver; SwiftPM needs one source file per C target.
#include "CFuzzerDriver.h"
