import type { ChatMember, User } from "grammy/types";
import type { MemberStatus } from "./chat.ts";

/** The ChatMember object Telegram returns for a user with the given status. */
export function chatMember(user: User, status: MemberStatus, isSupergroup: boolean): ChatMember {
  switch (status) {
    case "creator":
      return { status, user, is_anonymous: false };
    case "administrator":
      return {
        status,
        user,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: true,
        can_restrict_members: true,
        can_promote_members: true,
        can_change_info: true,
        can_invite_users: true,
        can_post_stories: true,
        can_edit_stories: true,
        can_delete_stories: true,
        can_pin_messages: true,
        can_send_welcome_messages: true,
        ...(isSupergroup ? { can_manage_topics: true } : {}),
      };
    case "member":
      return { status, user };
    case "restricted":
      return {
        status,
        user,
        is_member: true,
        can_send_messages: false,
        can_send_audios: false,
        can_send_documents: false,
        can_send_photos: false,
        can_send_videos: false,
        can_send_video_notes: false,
        can_send_voice_notes: false,
        can_send_polls: false,
        can_send_other_messages: false,
        can_add_web_page_previews: false,
        can_react_to_messages: false,
        can_change_info: false,
        can_invite_users: false,
        can_edit_tag: false,
        can_pin_messages: false,
        can_manage_topics: false,
        until_date: 0,
      };
    case "left":
      return { status, user };
    case "kicked":
      return { status, user, until_date: 0 };
  }
}
