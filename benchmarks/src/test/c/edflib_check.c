/* Opens an EDF/EDF+/BDF file with EDFlib (a strict reader: it rejects files that break the
 * EDF/EDF+/BDF specifications) and prints one line for the test to compare:
 *   EDFLIB filetype=N signals=N records=N annotations=N samples=N ch0_first=v,v,v,v,v first_annotation=TEXT@SECONDS
 * Exits 1 with "EDFLIB error=N" when EDFlib refuses the file.
 * Build: gcc -O2 -o edflib_check edflib_check.c -ledf */
#include <edflib.h>
#include <stdio.h>

int main(int argc, char **argv) {
    struct edf_hdr_struct hdr;
    double first[5];
    int i;
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 2;
    }
    if (edfopen_file_readonly(argv[1], &hdr, EDFLIB_READ_ALL_ANNOTATIONS) < 0) {
        printf("EDFLIB error=%d\n", hdr.filetype);
        return 1;
    }
    if (edfread_physical_samples(hdr.handle, 0, 5, first) != 5) {
        printf("EDFLIB error=read\n");
        return 1;
    }
    printf("EDFLIB filetype=%d signals=%d records=%lld annotations=%lld samples=%lld ch0_first=",
           hdr.filetype, hdr.edfsignals, (long long)hdr.datarecords_in_file, (long long)hdr.annotations_in_file,
           (long long)hdr.signalparam[0].smp_in_file);
    for (i = 0; i < 5; i++) printf("%s%.4f", i == 0 ? "" : ",", first[i]);
    if (hdr.annotations_in_file > 0) {
        struct edf_annotation_struct a;
        edf_get_annotation(hdr.handle, 0, &a);
        printf(" first_annotation=%s@%.4f", a.annotation, a.onset / (double)EDFLIB_TIME_DIMENSION);
    }
    printf("\n");
    edfclose_file(hdr.handle);
    return 0;
}
