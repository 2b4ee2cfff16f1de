#include "base/fd.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

char *
fd_slurp(int fd, size_t max, size_t *len)
{
	struct stat st;
	if (fstat(fd, &st) || st.st_size < 0 || (uint64_t)st.st_size > max ||
	    lseek(fd, 0, SEEK_SET) != 0)
		return NULL;
	size_t n = (size_t)st.st_size, got = 0;
	char *data = malloc(n ? n : 1);
	while (data != NULL && got < n) {
		ssize_t k = read(fd, data + got, n - got);
		if (k <= 0) {
			free(data);
			return NULL;
		}
		got += (size_t)k;
	}
	*len = n;
	return data;
}
