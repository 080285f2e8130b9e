// The header is all there is: libFuzzer itself provides LLVMFuzzerRunDriver.
#include "CFuzzer.h"
