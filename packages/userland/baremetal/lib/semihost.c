/* ARM semihosting calls (SVC 0x123456 in ARM state) and the way every image stops. */
#include "lib.h"

#define SYS_WRITEC 0x03
#define SYS_WRITE0 0x04
#define SYS_WRITE 0x05
#define SYS_EXIT 0x18
#define SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

void semihost_writec(char c)
{
    volatile char ch = c;
    semihost_call(SYS_WRITEC, (uint32_t)(uintptr_t)&ch);
}

void semihost_write0(const char *s) { semihost_call(SYS_WRITE0, (uint32_t)(uintptr_t)s); }

uint32_t semihost_write(uint32_t handle, const void *buf, uint32_t len)
{
    volatile uint32_t block[3] = { handle, (uint32_t)(uintptr_t)buf, len };
    return semihost_call(SYS_WRITE, (uint32_t)(uintptr_t)block);
}

void finish(int status)
{
    /* Exceptions may have left us anywhere: semihosting needs a privileged mode. */
    pr("END %s %d\n", image_name, status);
    if (status == 0) {
        semihost_call(SYS_EXIT, ADP_STOPPED_APPLICATION_EXIT);
    } else {
        volatile uint32_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, (uint32_t)status };
        semihost_call(SYS_EXIT_EXTENDED, (uint32_t)(uintptr_t)block);
    }
    for (;;)
        wait_for_interrupt();
}

int exc_lib_service(unsigned kind, struct exc_frame *f)
{
    extern char run_user_back[];
    if (kind != EXC_SWI || (f->spsr & 0x20))
        return 0;
    uint32_t number = *(volatile uint32_t *)(uintptr_t)(f->pc - 4) & 0xffffff;
    if (number != SWI_BACK_TO_SVC)
        return 0;
    f->pc = (uint32_t)(uintptr_t)run_user_back;
    f->spsr = (f->spsr & ~0x1fu) | MODE_SVC;
    return 1;
}

__attribute__((weak)) void exc_handler(unsigned kind, struct exc_frame *f)
{
    if (exc_lib_service(kind, f))
        return;
    pr("unexpected exception %u spsr=%08x lr=%08x\n", kind, f->spsr, f->pc);
    finish(1);
}
