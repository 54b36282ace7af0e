/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query Me($locale: String!) {\n    me {\n      id\n      username\n      displayName\n      roles\n      menus(locale: $locale) {\n        key\n        title\n        path\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  query Capabilities {\n    __schema {\n      queryType {\n        fields {\n          name\n        }\n      }\n      mutationType {\n        fields {\n          name\n        }\n      }\n      subscriptionType {\n        fields {\n          name\n        }\n      }\n    }\n    modelRequestType: __type(name: \"ModelRequest\") {\n      fields {\n        name\n      }\n    }\n  }\n": typeof types.CapabilitiesDocument,
    "\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    roles\n    messengerId\n    createdAt\n  }\n": typeof types.UserFieldsFragmentDoc,
    "\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation AssignRoles($userId: ID!, $roles: [Role!]!) {\n    assignRoles(userId: $userId, roles: $roles) {\n      ...UserFields\n    }\n  }\n": typeof types.AssignRolesDocument,
    "\n  fragment ModelSummary on ModelRequest {\n    id\n    name\n    requestedBy\n    state\n    stage\n    progress\n    queuePosition\n    createdAt\n    updatedAt\n    spec {\n      dataset\n      label\n      algorithm\n    }\n  }\n": typeof types.ModelSummaryFragmentDoc,
    "\n  fragment ModelDetail on ModelRequest {\n    ...ModelSummary\n    description\n    reason\n    trainingCandidate\n    spec {\n      features\n      validationFraction\n    }\n    metrics {\n      auc\n      accuracy\n      f1\n      logLoss\n      trainingRows\n      validationRows\n      durationMs\n      featureImportance {\n        feature\n        importance\n      }\n    }\n    history {\n      state\n      at\n      by\n      note\n    }\n  }\n": typeof types.ModelDetailFragmentDoc,
    "\n  query ModelRequests($state: ModelState, $requestedBy: String, $first: Int, $after: String) {\n    modelRequests(state: $state, requestedBy: $requestedBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ModelSummary\n        }\n      }\n    }\n  }\n": typeof types.ModelRequestsDocument,
    "\n  query ModelRequest($id: ID!) {\n    modelRequest(id: $id) {\n      ...ModelDetail\n    }\n  }\n": typeof types.ModelRequestDocument,
    "\n  query ModelEvaluation($id: ID!) {\n    modelRequest(id: $id) {\n      id\n      name\n      state\n      spec {\n        dataset\n        label\n        algorithm\n      }\n      metrics {\n        auc\n        accuracy\n        f1\n        logLoss\n        validationRows\n        durationMs\n      }\n      leaderboard {\n        rank\n        algorithm\n        settings\n        auc\n        logLoss\n        f1\n        trainingMs\n        chosen\n      }\n      evaluation {\n        rows\n        baseRate\n        ks\n        threshold\n        roc {\n          threshold\n          fpr\n          tpr\n        }\n        lift {\n          depth\n          lift\n          cumulativeGain\n          responseRate\n        }\n        calibration {\n          predicted\n          observed\n          count\n        }\n        confusion {\n          truePositive\n          falsePositive\n          trueNegative\n          falseNegative\n        }\n      }\n    }\n  }\n": typeof types.ModelEvaluationDocument,
    "\n  query ModelRequestTargets($id: ID!) {\n    modelRequest(id: $id) {\n      id\n      targets {\n        id\n        name\n        state\n        targetCount\n        updatedAt\n      }\n    }\n  }\n": typeof types.ModelRequestTargetsDocument,
    "\n  query Datasets {\n    datasets {\n      name\n      description\n      rowCount\n      labels\n      columns {\n        name\n        type\n      }\n    }\n  }\n": typeof types.DatasetsDocument,
    "\n  mutation RequestModel($input: RequestModelInput!) {\n    requestModel(input: $input) {\n      ...ModelDetail\n    }\n  }\n": typeof types.RequestModelDocument,
    "\n  mutation ApproveModel($id: ID!) {\n    approveModel(id: $id) {\n      ...ModelSummary\n    }\n  }\n": typeof types.ApproveModelDocument,
    "\n  mutation RejectModel($id: ID!, $reason: String!) {\n    rejectModel(id: $id, reason: $reason) {\n      ...ModelSummary\n    }\n  }\n": typeof types.RejectModelDocument,
    "\n  mutation CancelModel($id: ID!) {\n    cancelModel(id: $id) {\n      ...ModelDetail\n    }\n  }\n": typeof types.CancelModelDocument,
    "\n  subscription ModelRequestChanged($id: ID) {\n    modelRequestChanged(id: $id) {\n      ...ModelDetail\n    }\n  }\n": typeof types.ModelRequestChangedDocument,
    "\n  fragment TargetSummary on TargetRequest {\n    id\n    name\n    requestedBy\n    state\n    progress\n    targetCount\n    createdAt\n    updatedAt\n    model {\n      id\n      name\n    }\n    criteria {\n      topN\n      minScore\n    }\n  }\n": typeof types.TargetSummaryFragmentDoc,
    "\n  fragment TargetDetail on TargetRequest {\n    ...TargetSummary\n    message\n    reason\n    scoreSummary {\n      min\n      max\n      mean\n      p50\n      p90\n    }\n    dispatch {\n      midasJobId\n      state\n      sent\n      failed\n      attempts\n      lastError\n    }\n    history {\n      state\n      at\n      by\n      note\n    }\n  }\n": typeof types.TargetDetailFragmentDoc,
    "\n  query TargetRequests($state: TargetState, $requestedBy: String, $modelRequestId: ID, $first: Int, $after: String) {\n    targetRequests(state: $state, requestedBy: $requestedBy, modelRequestId: $modelRequestId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...TargetSummary\n        }\n      }\n    }\n  }\n": typeof types.TargetRequestsDocument,
    "\n  query TargetRequest($id: ID!) {\n    targetRequest(id: $id) {\n      ...TargetDetail\n    }\n  }\n": typeof types.TargetRequestDocument,
    "\n  query TargetMembers($targetRequestId: ID!, $first: Int, $after: String) {\n    targetMembers(targetRequestId: $targetRequestId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          customerId\n          score\n          rank\n        }\n      }\n    }\n  }\n": typeof types.TargetMembersDocument,
    "\n  mutation RequestTargetExtraction($input: RequestTargetInput!) {\n    requestTargetExtraction(input: $input) {\n      ...TargetDetail\n    }\n  }\n": typeof types.RequestTargetExtractionDocument,
    "\n  mutation ApproveTarget($id: ID!) {\n    approveTarget(id: $id) {\n      ...TargetSummary\n    }\n  }\n": typeof types.ApproveTargetDocument,
    "\n  mutation RejectTarget($id: ID!, $reason: String!) {\n    rejectTarget(id: $id, reason: $reason) {\n      ...TargetSummary\n    }\n  }\n": typeof types.RejectTargetDocument,
    "\n  mutation CancelTarget($id: ID!) {\n    cancelTarget(id: $id) {\n      ...TargetDetail\n    }\n  }\n": typeof types.CancelTargetDocument,
    "\n  subscription TargetRequestChanged($id: ID) {\n    targetRequestChanged(id: $id) {\n      ...TargetDetail\n    }\n  }\n": typeof types.TargetRequestChangedDocument,
    "\n  fragment NoticeFields on Notice {\n    id\n    kind\n    subjectType\n    subjectId\n    title\n    body\n    createdAt\n    readAt\n    messenger {\n      state\n      attempts\n      lastError\n    }\n  }\n": typeof types.NoticeFieldsFragmentDoc,
    "\n  query Notices($unreadOnly: Boolean, $first: Int, $after: String) {\n    notices(unreadOnly: $unreadOnly, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...NoticeFields\n        }\n      }\n    }\n  }\n": typeof types.NoticesDocument,
    "\n  query UnreadNoticeCount {\n    unreadNoticeCount\n  }\n": typeof types.UnreadNoticeCountDocument,
    "\n  mutation MarkNoticesRead($ids: [ID!]) {\n    markNoticesRead(ids: $ids)\n  }\n": typeof types.MarkNoticesReadDocument,
    "\n  subscription NoticeReceived {\n    noticeReceived {\n      ...NoticeFields\n    }\n  }\n": typeof types.NoticeReceivedDocument,
    "\n  query MyRequests($kind: SubjectType, $first: Int, $after: String) {\n    myRequests(kind: $kind, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          kind\n          name\n          state\n          progress\n          updatedAt\n        }\n      }\n    }\n  }\n": typeof types.MyRequestsDocument,
};
const documents: Documents = {
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query Me($locale: String!) {\n    me {\n      id\n      username\n      displayName\n      roles\n      menus(locale: $locale) {\n        key\n        title\n        path\n      }\n    }\n  }\n": types.MeDocument,
    "\n  query Capabilities {\n    __schema {\n      queryType {\n        fields {\n          name\n        }\n      }\n      mutationType {\n        fields {\n          name\n        }\n      }\n      subscriptionType {\n        fields {\n          name\n        }\n      }\n    }\n    modelRequestType: __type(name: \"ModelRequest\") {\n      fields {\n        name\n      }\n    }\n  }\n": types.CapabilitiesDocument,
    "\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    roles\n    messengerId\n    createdAt\n  }\n": types.UserFieldsFragmentDoc,
    "\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n": types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation AssignRoles($userId: ID!, $roles: [Role!]!) {\n    assignRoles(userId: $userId, roles: $roles) {\n      ...UserFields\n    }\n  }\n": types.AssignRolesDocument,
    "\n  fragment ModelSummary on ModelRequest {\n    id\n    name\n    requestedBy\n    state\n    stage\n    progress\n    queuePosition\n    createdAt\n    updatedAt\n    spec {\n      dataset\n      label\n      algorithm\n    }\n  }\n": types.ModelSummaryFragmentDoc,
    "\n  fragment ModelDetail on ModelRequest {\n    ...ModelSummary\n    description\n    reason\n    trainingCandidate\n    spec {\n      features\n      validationFraction\n    }\n    metrics {\n      auc\n      accuracy\n      f1\n      logLoss\n      trainingRows\n      validationRows\n      durationMs\n      featureImportance {\n        feature\n        importance\n      }\n    }\n    history {\n      state\n      at\n      by\n      note\n    }\n  }\n": types.ModelDetailFragmentDoc,
    "\n  query ModelRequests($state: ModelState, $requestedBy: String, $first: Int, $after: String) {\n    modelRequests(state: $state, requestedBy: $requestedBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ModelSummary\n        }\n      }\n    }\n  }\n": types.ModelRequestsDocument,
    "\n  query ModelRequest($id: ID!) {\n    modelRequest(id: $id) {\n      ...ModelDetail\n    }\n  }\n": types.ModelRequestDocument,
    "\n  query ModelEvaluation($id: ID!) {\n    modelRequest(id: $id) {\n      id\n      name\n      state\n      spec {\n        dataset\n        label\n        algorithm\n      }\n      metrics {\n        auc\n        accuracy\n        f1\n        logLoss\n        validationRows\n        durationMs\n      }\n      leaderboard {\n        rank\n        algorithm\n        settings\n        auc\n        logLoss\n        f1\n        trainingMs\n        chosen\n      }\n      evaluation {\n        rows\n        baseRate\n        ks\n        threshold\n        roc {\n          threshold\n          fpr\n          tpr\n        }\n        lift {\n          depth\n          lift\n          cumulativeGain\n          responseRate\n        }\n        calibration {\n          predicted\n          observed\n          count\n        }\n        confusion {\n          truePositive\n          falsePositive\n          trueNegative\n          falseNegative\n        }\n      }\n    }\n  }\n": types.ModelEvaluationDocument,
    "\n  query ModelRequestTargets($id: ID!) {\n    modelRequest(id: $id) {\n      id\n      targets {\n        id\n        name\n        state\n        targetCount\n        updatedAt\n      }\n    }\n  }\n": types.ModelRequestTargetsDocument,
    "\n  query Datasets {\n    datasets {\n      name\n      description\n      rowCount\n      labels\n      columns {\n        name\n        type\n      }\n    }\n  }\n": types.DatasetsDocument,
    "\n  mutation RequestModel($input: RequestModelInput!) {\n    requestModel(input: $input) {\n      ...ModelDetail\n    }\n  }\n": types.RequestModelDocument,
    "\n  mutation ApproveModel($id: ID!) {\n    approveModel(id: $id) {\n      ...ModelSummary\n    }\n  }\n": types.ApproveModelDocument,
    "\n  mutation RejectModel($id: ID!, $reason: String!) {\n    rejectModel(id: $id, reason: $reason) {\n      ...ModelSummary\n    }\n  }\n": types.RejectModelDocument,
    "\n  mutation CancelModel($id: ID!) {\n    cancelModel(id: $id) {\n      ...ModelDetail\n    }\n  }\n": types.CancelModelDocument,
    "\n  subscription ModelRequestChanged($id: ID) {\n    modelRequestChanged(id: $id) {\n      ...ModelDetail\n    }\n  }\n": types.ModelRequestChangedDocument,
    "\n  fragment TargetSummary on TargetRequest {\n    id\n    name\n    requestedBy\n    state\n    progress\n    targetCount\n    createdAt\n    updatedAt\n    model {\n      id\n      name\n    }\n    criteria {\n      topN\n      minScore\n    }\n  }\n": types.TargetSummaryFragmentDoc,
    "\n  fragment TargetDetail on TargetRequest {\n    ...TargetSummary\n    message\n    reason\n    scoreSummary {\n      min\n      max\n      mean\n      p50\n      p90\n    }\n    dispatch {\n      midasJobId\n      state\n      sent\n      failed\n      attempts\n      lastError\n    }\n    history {\n      state\n      at\n      by\n      note\n    }\n  }\n": types.TargetDetailFragmentDoc,
    "\n  query TargetRequests($state: TargetState, $requestedBy: String, $modelRequestId: ID, $first: Int, $after: String) {\n    targetRequests(state: $state, requestedBy: $requestedBy, modelRequestId: $modelRequestId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...TargetSummary\n        }\n      }\n    }\n  }\n": types.TargetRequestsDocument,
    "\n  query TargetRequest($id: ID!) {\n    targetRequest(id: $id) {\n      ...TargetDetail\n    }\n  }\n": types.TargetRequestDocument,
    "\n  query TargetMembers($targetRequestId: ID!, $first: Int, $after: String) {\n    targetMembers(targetRequestId: $targetRequestId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          customerId\n          score\n          rank\n        }\n      }\n    }\n  }\n": types.TargetMembersDocument,
    "\n  mutation RequestTargetExtraction($input: RequestTargetInput!) {\n    requestTargetExtraction(input: $input) {\n      ...TargetDetail\n    }\n  }\n": types.RequestTargetExtractionDocument,
    "\n  mutation ApproveTarget($id: ID!) {\n    approveTarget(id: $id) {\n      ...TargetSummary\n    }\n  }\n": types.ApproveTargetDocument,
    "\n  mutation RejectTarget($id: ID!, $reason: String!) {\n    rejectTarget(id: $id, reason: $reason) {\n      ...TargetSummary\n    }\n  }\n": types.RejectTargetDocument,
    "\n  mutation CancelTarget($id: ID!) {\n    cancelTarget(id: $id) {\n      ...TargetDetail\n    }\n  }\n": types.CancelTargetDocument,
    "\n  subscription TargetRequestChanged($id: ID) {\n    targetRequestChanged(id: $id) {\n      ...TargetDetail\n    }\n  }\n": types.TargetRequestChangedDocument,
    "\n  fragment NoticeFields on Notice {\n    id\n    kind\n    subjectType\n    subjectId\n    title\n    body\n    createdAt\n    readAt\n    messenger {\n      state\n      attempts\n      lastError\n    }\n  }\n": types.NoticeFieldsFragmentDoc,
    "\n  query Notices($unreadOnly: Boolean, $first: Int, $after: String) {\n    notices(unreadOnly: $unreadOnly, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...NoticeFields\n        }\n      }\n    }\n  }\n": types.NoticesDocument,
    "\n  query UnreadNoticeCount {\n    unreadNoticeCount\n  }\n": types.UnreadNoticeCountDocument,
    "\n  mutation MarkNoticesRead($ids: [ID!]) {\n    markNoticesRead(ids: $ids)\n  }\n": types.MarkNoticesReadDocument,
    "\n  subscription NoticeReceived {\n    noticeReceived {\n      ...NoticeFields\n    }\n  }\n": types.NoticeReceivedDocument,
    "\n  query MyRequests($kind: SubjectType, $first: Int, $after: String) {\n    myRequests(kind: $kind, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          kind\n          name\n          state\n          progress\n          updatedAt\n        }\n      }\n    }\n  }\n": types.MyRequestsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me($locale: String!) {\n    me {\n      id\n      username\n      displayName\n      roles\n      menus(locale: $locale) {\n        key\n        title\n        path\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me($locale: String!) {\n    me {\n      id\n      username\n      displayName\n      roles\n      menus(locale: $locale) {\n        key\n        title\n        path\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Capabilities {\n    __schema {\n      queryType {\n        fields {\n          name\n        }\n      }\n      mutationType {\n        fields {\n          name\n        }\n      }\n      subscriptionType {\n        fields {\n          name\n        }\n      }\n    }\n    modelRequestType: __type(name: \"ModelRequest\") {\n      fields {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Capabilities {\n    __schema {\n      queryType {\n        fields {\n          name\n        }\n      }\n      mutationType {\n        fields {\n          name\n        }\n      }\n      subscriptionType {\n        fields {\n          name\n        }\n      }\n    }\n    modelRequestType: __type(name: \"ModelRequest\") {\n      fields {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    roles\n    messengerId\n    createdAt\n  }\n"): (typeof documents)["\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    roles\n    messengerId\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  query Users {\n    users {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignRoles($userId: ID!, $roles: [Role!]!) {\n    assignRoles(userId: $userId, roles: $roles) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation AssignRoles($userId: ID!, $roles: [Role!]!) {\n    assignRoles(userId: $userId, roles: $roles) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ModelSummary on ModelRequest {\n    id\n    name\n    requestedBy\n    state\n    stage\n    progress\n    queuePosition\n    createdAt\n    updatedAt\n    spec {\n      dataset\n      label\n      algorithm\n    }\n  }\n"): (typeof documents)["\n  fragment ModelSummary on ModelRequest {\n    id\n    name\n    requestedBy\n    state\n    stage\n    progress\n    queuePosition\n    createdAt\n    updatedAt\n    spec {\n      dataset\n      label\n      algorithm\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ModelDetail on ModelRequest {\n    ...ModelSummary\n    description\n    reason\n    trainingCandidate\n    spec {\n      features\n      validationFraction\n    }\n    metrics {\n      auc\n      accuracy\n      f1\n      logLoss\n      trainingRows\n      validationRows\n      durationMs\n      featureImportance {\n        feature\n        importance\n      }\n    }\n    history {\n      state\n      at\n      by\n      note\n    }\n  }\n"): (typeof documents)["\n  fragment ModelDetail on ModelRequest {\n    ...ModelSummary\n    description\n    reason\n    trainingCandidate\n    spec {\n      features\n      validationFraction\n    }\n    metrics {\n      auc\n      accuracy\n      f1\n      logLoss\n      trainingRows\n      validationRows\n      durationMs\n      featureImportance {\n        feature\n        importance\n      }\n    }\n    history {\n      state\n      at\n      by\n      note\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelRequests($state: ModelState, $requestedBy: String, $first: Int, $after: String) {\n    modelRequests(state: $state, requestedBy: $requestedBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ModelSummary\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ModelRequests($state: ModelState, $requestedBy: String, $first: Int, $after: String) {\n    modelRequests(state: $state, requestedBy: $requestedBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ModelSummary\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelRequest($id: ID!) {\n    modelRequest(id: $id) {\n      ...ModelDetail\n    }\n  }\n"): (typeof documents)["\n  query ModelRequest($id: ID!) {\n    modelRequest(id: $id) {\n      ...ModelDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelEvaluation($id: ID!) {\n    modelRequest(id: $id) {\n      id\n      name\n      state\n      spec {\n        dataset\n        label\n        algorithm\n      }\n      metrics {\n        auc\n        accuracy\n        f1\n        logLoss\n        validationRows\n        durationMs\n      }\n      leaderboard {\n        rank\n        algorithm\n        settings\n        auc\n        logLoss\n        f1\n        trainingMs\n        chosen\n      }\n      evaluation {\n        rows\n        baseRate\n        ks\n        threshold\n        roc {\n          threshold\n          fpr\n          tpr\n        }\n        lift {\n          depth\n          lift\n          cumulativeGain\n          responseRate\n        }\n        calibration {\n          predicted\n          observed\n          count\n        }\n        confusion {\n          truePositive\n          falsePositive\n          trueNegative\n          falseNegative\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ModelEvaluation($id: ID!) {\n    modelRequest(id: $id) {\n      id\n      name\n      state\n      spec {\n        dataset\n        label\n        algorithm\n      }\n      metrics {\n        auc\n        accuracy\n        f1\n        logLoss\n        validationRows\n        durationMs\n      }\n      leaderboard {\n        rank\n        algorithm\n        settings\n        auc\n        logLoss\n        f1\n        trainingMs\n        chosen\n      }\n      evaluation {\n        rows\n        baseRate\n        ks\n        threshold\n        roc {\n          threshold\n          fpr\n          tpr\n        }\n        lift {\n          depth\n          lift\n          cumulativeGain\n          responseRate\n        }\n        calibration {\n          predicted\n          observed\n          count\n        }\n        confusion {\n          truePositive\n          falsePositive\n          trueNegative\n          falseNegative\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelRequestTargets($id: ID!) {\n    modelRequest(id: $id) {\n      id\n      targets {\n        id\n        name\n        state\n        targetCount\n        updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query ModelRequestTargets($id: ID!) {\n    modelRequest(id: $id) {\n      id\n      targets {\n        id\n        name\n        state\n        targetCount\n        updatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Datasets {\n    datasets {\n      name\n      description\n      rowCount\n      labels\n      columns {\n        name\n        type\n      }\n    }\n  }\n"): (typeof documents)["\n  query Datasets {\n    datasets {\n      name\n      description\n      rowCount\n      labels\n      columns {\n        name\n        type\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestModel($input: RequestModelInput!) {\n    requestModel(input: $input) {\n      ...ModelDetail\n    }\n  }\n"): (typeof documents)["\n  mutation RequestModel($input: RequestModelInput!) {\n    requestModel(input: $input) {\n      ...ModelDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveModel($id: ID!) {\n    approveModel(id: $id) {\n      ...ModelSummary\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveModel($id: ID!) {\n    approveModel(id: $id) {\n      ...ModelSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectModel($id: ID!, $reason: String!) {\n    rejectModel(id: $id, reason: $reason) {\n      ...ModelSummary\n    }\n  }\n"): (typeof documents)["\n  mutation RejectModel($id: ID!, $reason: String!) {\n    rejectModel(id: $id, reason: $reason) {\n      ...ModelSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelModel($id: ID!) {\n    cancelModel(id: $id) {\n      ...ModelDetail\n    }\n  }\n"): (typeof documents)["\n  mutation CancelModel($id: ID!) {\n    cancelModel(id: $id) {\n      ...ModelDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ModelRequestChanged($id: ID) {\n    modelRequestChanged(id: $id) {\n      ...ModelDetail\n    }\n  }\n"): (typeof documents)["\n  subscription ModelRequestChanged($id: ID) {\n    modelRequestChanged(id: $id) {\n      ...ModelDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TargetSummary on TargetRequest {\n    id\n    name\n    requestedBy\n    state\n    progress\n    targetCount\n    createdAt\n    updatedAt\n    model {\n      id\n      name\n    }\n    criteria {\n      topN\n      minScore\n    }\n  }\n"): (typeof documents)["\n  fragment TargetSummary on TargetRequest {\n    id\n    name\n    requestedBy\n    state\n    progress\n    targetCount\n    createdAt\n    updatedAt\n    model {\n      id\n      name\n    }\n    criteria {\n      topN\n      minScore\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TargetDetail on TargetRequest {\n    ...TargetSummary\n    message\n    reason\n    scoreSummary {\n      min\n      max\n      mean\n      p50\n      p90\n    }\n    dispatch {\n      midasJobId\n      state\n      sent\n      failed\n      attempts\n      lastError\n    }\n    history {\n      state\n      at\n      by\n      note\n    }\n  }\n"): (typeof documents)["\n  fragment TargetDetail on TargetRequest {\n    ...TargetSummary\n    message\n    reason\n    scoreSummary {\n      min\n      max\n      mean\n      p50\n      p90\n    }\n    dispatch {\n      midasJobId\n      state\n      sent\n      failed\n      attempts\n      lastError\n    }\n    history {\n      state\n      at\n      by\n      note\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TargetRequests($state: TargetState, $requestedBy: String, $modelRequestId: ID, $first: Int, $after: String) {\n    targetRequests(state: $state, requestedBy: $requestedBy, modelRequestId: $modelRequestId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...TargetSummary\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TargetRequests($state: TargetState, $requestedBy: String, $modelRequestId: ID, $first: Int, $after: String) {\n    targetRequests(state: $state, requestedBy: $requestedBy, modelRequestId: $modelRequestId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...TargetSummary\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TargetRequest($id: ID!) {\n    targetRequest(id: $id) {\n      ...TargetDetail\n    }\n  }\n"): (typeof documents)["\n  query TargetRequest($id: ID!) {\n    targetRequest(id: $id) {\n      ...TargetDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TargetMembers($targetRequestId: ID!, $first: Int, $after: String) {\n    targetMembers(targetRequestId: $targetRequestId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          customerId\n          score\n          rank\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TargetMembers($targetRequestId: ID!, $first: Int, $after: String) {\n    targetMembers(targetRequestId: $targetRequestId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          customerId\n          score\n          rank\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestTargetExtraction($input: RequestTargetInput!) {\n    requestTargetExtraction(input: $input) {\n      ...TargetDetail\n    }\n  }\n"): (typeof documents)["\n  mutation RequestTargetExtraction($input: RequestTargetInput!) {\n    requestTargetExtraction(input: $input) {\n      ...TargetDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveTarget($id: ID!) {\n    approveTarget(id: $id) {\n      ...TargetSummary\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveTarget($id: ID!) {\n    approveTarget(id: $id) {\n      ...TargetSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectTarget($id: ID!, $reason: String!) {\n    rejectTarget(id: $id, reason: $reason) {\n      ...TargetSummary\n    }\n  }\n"): (typeof documents)["\n  mutation RejectTarget($id: ID!, $reason: String!) {\n    rejectTarget(id: $id, reason: $reason) {\n      ...TargetSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelTarget($id: ID!) {\n    cancelTarget(id: $id) {\n      ...TargetDetail\n    }\n  }\n"): (typeof documents)["\n  mutation CancelTarget($id: ID!) {\n    cancelTarget(id: $id) {\n      ...TargetDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TargetRequestChanged($id: ID) {\n    targetRequestChanged(id: $id) {\n      ...TargetDetail\n    }\n  }\n"): (typeof documents)["\n  subscription TargetRequestChanged($id: ID) {\n    targetRequestChanged(id: $id) {\n      ...TargetDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NoticeFields on Notice {\n    id\n    kind\n    subjectType\n    subjectId\n    title\n    body\n    createdAt\n    readAt\n    messenger {\n      state\n      attempts\n      lastError\n    }\n  }\n"): (typeof documents)["\n  fragment NoticeFields on Notice {\n    id\n    kind\n    subjectType\n    subjectId\n    title\n    body\n    createdAt\n    readAt\n    messenger {\n      state\n      attempts\n      lastError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notices($unreadOnly: Boolean, $first: Int, $after: String) {\n    notices(unreadOnly: $unreadOnly, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...NoticeFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Notices($unreadOnly: Boolean, $first: Int, $after: String) {\n    notices(unreadOnly: $unreadOnly, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...NoticeFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadNoticeCount {\n    unreadNoticeCount\n  }\n"): (typeof documents)["\n  query UnreadNoticeCount {\n    unreadNoticeCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNoticesRead($ids: [ID!]) {\n    markNoticesRead(ids: $ids)\n  }\n"): (typeof documents)["\n  mutation MarkNoticesRead($ids: [ID!]) {\n    markNoticesRead(ids: $ids)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NoticeReceived {\n    noticeReceived {\n      ...NoticeFields\n    }\n  }\n"): (typeof documents)["\n  subscription NoticeReceived {\n    noticeReceived {\n      ...NoticeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyRequests($kind: SubjectType, $first: Int, $after: String) {\n    myRequests(kind: $kind, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          kind\n          name\n          state\n          progress\n          updatedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyRequests($kind: SubjectType, $first: Int, $after: String) {\n    myRequests(kind: $kind, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          kind\n          name\n          state\n          progress\n          updatedAt\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;