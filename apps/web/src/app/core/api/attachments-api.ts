import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { UploadedAttachmentView } from '@promoto/shared-dto';
import { API_URL } from './api-url';

@Injectable({ providedIn: 'root' })
export class AttachmentsApi {
  private readonly http = inject(HttpClient);

  /** Uploads one file (multipart field `file`), reporting upload progress events along the way. */
  upload(file: File) {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<UploadedAttachmentView>(`${API_URL}/attachments`, body, {
      reportProgress: true,
      observe: 'events',
    });
  }
}
