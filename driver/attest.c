/* attest: placeholder driver. */
#include <stdio.h>
int main(void) { puts("attest " ATTEST_VERSION); return 0; }
